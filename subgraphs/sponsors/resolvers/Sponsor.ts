import type { SponsorResolvers } from '../generated/resolvers';
import { readableRows } from '../access';
import { roundToTenth } from '../measures';
import { asksFor } from '../../shared/selections';

export const Sponsor: SponsorResolvers = {
  // A fetch that asks the sponsor's trials reads them with its row, in one statement.
  __resolveReference: (reference, { loaders }, info) =>
    (asksFor(info, 'Sponsor', 'trials') ? loaders.sponsorWithTrials : loaders.sponsorById).load(reference.id),

  trials: async (sponsor, _, { loaders, access }) => {
    const trials = await loaders.trialsBySponsor.load(sponsor.id);
    const seen = await Promise.all(trials.map((trial) => access.mayRead('trial', trial)));
    return trials.filter((_, i) => seen[i]);
  },

  pipeline: (sponsor, _, { loaders, access }) =>
    readableRows(access, 'pipelineOfSponsor', sponsor, () => loaders.pipelineBySponsor.load(sponsor.id), 'pipelineProgram', (program) => program),

  partnerships: (sponsor, _, { loaders, access }) =>
    readableRows(access, 'partnershipsOfSponsor', sponsor, () => loaders.partnershipsBySponsor.load(sponsor.id), 'partnership', (row) => row),

  medianFeedbackResponseDays: async (sponsor, _, { loaders, access }) => {
    await access.read('sponsorFigures', sponsor);
    const median = await loaders.medianResponseDaysBySponsor.load(sponsor.id);
    return median === null ? null : roundToTenth(median.days);
  },
};
