// The entities this subgraph extends but does not own, as the gateway hands them over: their key,
// and for a trial the protocol fields patientBurden @requires.
import type { RequiredProtocol } from './patient-burden';

export interface TrialReference {
  id: string;
  protocol?: RequiredProtocol | null;
}

export interface SiteReference {
  id: string;
}
