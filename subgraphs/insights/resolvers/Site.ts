import type { InsightsContext } from '../loaders';
import { patientExperience } from '../suppression';

export const Site = {
  // Sites belong to the sites subgraph; this one only extends them, so no SQL here.
  __resolveReference: (reference: { id: string }) => reference,

  patientExperience: async (site: { id: string }, _: unknown, { loaders, minRespondents }: InsightsContext) =>
    patientExperience(await loaders.experienceBySite.load(site.id), minRespondents),
};
