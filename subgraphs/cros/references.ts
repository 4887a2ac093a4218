// Entities other subgraphs own, as this one holds them: their key and nothing else. The gateway
// asks the owner for every other field.

/** A site of the sites subgraph, to which this one adds what CRO monitors and staff did there. */
export interface SiteReference {
  __typename?: 'Site';
  id: string;
}

/** A trial of the sponsors subgraph, to which this one adds its CRO engagements. */
export interface TrialReference {
  __typename?: 'Trial';
  id: string;
}

/** A sponsor of the sponsors subgraph, named by an engagement. */
export interface SponsorReference {
  __typename?: 'Sponsor';
  id: string;
}
