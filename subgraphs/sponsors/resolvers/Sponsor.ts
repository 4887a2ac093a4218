import type { SponsorEntity } from '../entities';
import type { SponsorsContext } from '../loaders';
import { roundToTenth } from '../measures';

export const Sponsor = {
  __resolveReference: (reference: { id: string }, { loaders }: SponsorsContext) => loaders.sponsorById.load(reference.id),

  trials: (sponsor: SponsorEntity, _: unknown, { loaders }: SponsorsContext) => loaders.trialsBySponsor.load(sponsor.id),

  pipeline: (sponsor: SponsorEntity, _: unknown, { loaders }: SponsorsContext) => loaders.pipelineBySponsor.load(sponsor.id),

  partnerships: (sponsor: SponsorEntity, _: unknown, { loaders }: SponsorsContext) =>
    loaders.partnershipsBySponsor.load(sponsor.id),

  medianFeedbackResponseDays: async (sponsor: SponsorEntity, _: unknown, { loaders }: SponsorsContext) => {
    const median = await loaders.medianResponseDaysBySponsor.load(sponsor.id);
    return median === null ? null : roundToTenth(median.days);
  },
};
