import type { SponsorEntity } from '../entities';
import { readableRows } from '../access';
import type { SponsorsContext } from '../loaders';
import { roundToTenth } from '../measures';

export const Sponsor = {
  __resolveReference: (reference: { id: string }, { loaders }: SponsorsContext) => loaders.sponsorById.load(reference.id),

  trials: async (sponsor: SponsorEntity, _: unknown, { loaders, access }: SponsorsContext) => {
    const trials = await loaders.trialsBySponsor.load(sponsor.id);
    const seen = await Promise.all(trials.map((trial) => access.mayRead('trial', trial)));
    return trials.filter((_, i) => seen[i]);
  },

  pipeline: (sponsor: SponsorEntity, _: unknown, { loaders, access }: SponsorsContext) =>
    readableRows(access, 'pipelineOfSponsor', sponsor, () => loaders.pipelineBySponsor.load(sponsor.id), 'pipelineProgram', (program) => program),

  partnerships: (sponsor: SponsorEntity, _: unknown, { loaders, access }: SponsorsContext) =>
    readableRows(access, 'partnershipsOfSponsor', sponsor, () => loaders.partnershipsBySponsor.load(sponsor.id), 'partnership', (row) => row),

  medianFeedbackResponseDays: async (sponsor: SponsorEntity, _: unknown, { loaders, access }: SponsorsContext) => {
    await access.read('sponsorFigures', sponsor);
    const median = await loaders.medianResponseDaysBySponsor.load(sponsor.id);
    return median === null ? null : roundToTenth(median.days);
  },
};
