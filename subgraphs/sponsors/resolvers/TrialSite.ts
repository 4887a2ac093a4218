import type { TrialSiteResolvers } from '../generated/resolvers';
import { existing } from '../../shared/loaders';
import * as measures from '../measures';

export const TrialSite: TrialSiteResolvers = {
  trial: (trialSite, _, { loaders }) => existing(loaders.trialById, trialSite.trialId),

  site: (trialSite) => ({ __typename: 'Site', id: trialSite.siteId }),

  activationCycleDays: (trialSite) => measures.activationCycleDays(trialSite),
  timeToFirstPatientDays: (trialSite) => measures.timeToFirstPatientDays(trialSite),
  enrollmentRate: (trialSite, _, { today }) =>
    measures.enrollmentRate(trialSite, today),
  enrollmentVsTarget: (trialSite) => measures.enrollmentVsTarget(trialSite),
  screenFailureRate: (trialSite) => measures.screenFailureRate(trialSite),
  retention: (trialSite) => measures.retention(trialSite),
};
