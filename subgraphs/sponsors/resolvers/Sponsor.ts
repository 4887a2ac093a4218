import type { SponsorEntity } from '../entities';
import type { SponsorsContext } from '../loaders';
import { roundToTenth } from '../measures';

export const Sponsor = {
  __resolveReference: (reference: { id: string }, { loaders }: SponsorsContext) => loaders.sponsorById.load(reference.id),

  trials: async (sponsor: SponsorEntity, _: unknown, { loaders, access }: SponsorsContext) =>
    access.visibleTrials(await loaders.trialsBySponsor.load(sponsor.id)),

  pipeline: (sponsor: SponsorEntity, _: unknown, { loaders, access, caller }: SponsorsContext) =>
    access.pipelineOfSponsor(
      sponsor.id,
      () => loaders.pipelineBySponsor.load(sponsor.id),
      () => loaders.pipelineSharedWithSite.load(caller.orgId),
    ),

  partnerships: (sponsor: SponsorEntity, _: unknown, { loaders, access }: SponsorsContext) =>
    access.partnershipsOfSponsor(sponsor.id, () => loaders.partnershipsBySponsor.load(sponsor.id)),

  medianFeedbackResponseDays: async (sponsor: SponsorEntity, _: unknown, { loaders, access }: SponsorsContext) => {
    access.requireSponsorItself(sponsor.id, 'median feedback response time');
    const median = await loaders.medianResponseDaysBySponsor.load(sponsor.id);
    return median === null ? null : roundToTenth(median.days);
  },
};
