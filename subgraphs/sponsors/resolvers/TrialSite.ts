import type { TrialSiteEntity } from '../entities';
import type { SponsorsContext } from '../loaders';
import * as measures from '../measures';

export const TrialSite = {
  trial: (trialSite: TrialSiteEntity, _: unknown, { loaders }: SponsorsContext) => loaders.trialById.load(trialSite.trialId),

  site: (trialSite: TrialSiteEntity) => ({ __typename: 'Site', id: trialSite.siteId }),

  activationCycleDays: (trialSite: TrialSiteEntity) => measures.activationCycleDays(trialSite),
  timeToFirstPatientDays: (trialSite: TrialSiteEntity) => measures.timeToFirstPatientDays(trialSite),
  enrollmentRate: (trialSite: TrialSiteEntity, _: unknown, { today }: SponsorsContext) =>
    measures.enrollmentRate(trialSite, today),
  enrollmentVsTarget: (trialSite: TrialSiteEntity) => measures.enrollmentVsTarget(trialSite),
  screenFailureRate: (trialSite: TrialSiteEntity) => measures.screenFailureRate(trialSite),
  retention: (trialSite: TrialSiteEntity) => measures.retention(trialSite),
};
