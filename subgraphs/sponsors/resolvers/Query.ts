import { badUserInput } from '../../shared/errors';
import { pageSize, paginate } from '../../shared/pagination';
import { asksFor, within } from '../../shared/selections';
import { SponsorEntity, TrialEntity } from '../entities';
import type { QueryResolvers } from '../generated/resolvers';

export const Query: QueryResolvers = {
  sponsor: (_, args, { loaders, access }, info) => {
    // The lists the fetch asks under the sponsor come in the sponsor's own statement; the pipeline
    // only for a caller who may see it, as its field would load it.
    const lists = {
      pipeline: asksFor(info, 'Sponsor', 'pipeline') && access.check('pipelineOfSponsor', { id: args.id }) === true,
      pipelineShares: asksFor(within(info, 'Sponsor', 'pipeline'), 'PipelineProgram', 'sharedWith'),
      trials: asksFor(info, 'Sponsor', 'trials'),
      feedback: asksFor(within(info, 'Sponsor', 'trials'), 'Trial', 'feedback'),
    };
    return lists.pipeline || lists.trials ? loaders.sponsorWithLists.load({ key: args.id, lists }) : loaders.sponsorById.load(args.id);
  },

  sponsors: async (_, args, { db, loaders }) => {
    const connection = await paginate(
      db.getRepository(SponsorEntity).createQueryBuilder('sponsor'),
      [
        { column: 'sponsor.name', property: 'name' },
        { column: 'sponsor.id', property: 'id' },
      ],
      args,
    );
    loaders.knowSponsors(connection.edges.map(({ node }) => node));
    return connection;
  },

  trial: async (_, args, { loaders, access }, info) => {
    const { id, nctId } = args;
    if ((id == null) === (nctId == null)) throw badUserInput('Give exactly one of id and nctId', 'id');
    // The lists the fetch asks under the trial come in the trial's own statement.
    const lists = {
      protocolVersions: ['protocol', 'protocolVersions', 'complexity'].some((field) => asksFor(info, 'Trial', field)),
      sites: asksFor(info, 'Trial', 'sites'),
    };
    if (lists.protocolVersions || lists.sites) {
      return access.readNamed('trial', await (id != null ? loaders.trialWithListsById.load({ key: id, lists }) : loaders.trialWithListsByNctId.load({ key: nctId!, lists })));
    }
    return access.readNamed('trial', await (id != null ? loaders.trialById.load(id) : loaders.trialByNctId.load(nctId!)));
  },

  trials: async (_, args, { db, loaders, access }) => {
    // The sponsor comes in the same statement: lists of trials are nearly always shown with it.
    const query = db.getRepository(TrialEntity).createQueryBuilder('trial').innerJoinAndSelect('trial.sponsor', 'sponsor');
    if ((await access.narrow('trials', query)) === null) {
      pageSize(args.first);
      return { totalCount: 0, pageInfo: { hasNextPage: false, endCursor: null }, edges: [] };
    }
    const { status, phase, sponsorId, therapeuticArea } = args.filter ?? {};
    if (status) query.andWhere('trial.status = :status', { status });
    if (phase) query.andWhere('trial.phase = :phase', { phase });
    if (sponsorId) query.andWhere('trial.sponsor_id = :sponsorId', { sponsorId });
    if (therapeuticArea) query.andWhere('trial.therapeutic_area = :therapeuticArea', { therapeuticArea });
    const connection = await paginate(
      query,
      [
        { column: 'trial.nct_id', property: 'nctId' },
        { column: 'trial.id', property: 'id' },
      ],
      args,
    );
    // Entity fetches for these trials, or their sponsors, later in the request reuse the rows.
    loaders.knowTrials(connection.edges.map(({ node }) => node));
    return connection;
  },
};
