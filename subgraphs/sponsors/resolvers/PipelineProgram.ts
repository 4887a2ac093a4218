import type { PipelineProgramResolvers } from '../generated/resolvers';
import { readableRows } from '../access';
import { existing } from '../../shared/loaders';

export const PipelineProgram: PipelineProgramResolvers = {
  version: async (program, _, { access }) => (await access.read('programVersion', program)).version,

  sponsor: (program, _, { loaders }) =>
    existing(loaders.sponsorById, program.sponsorId),

  sharedWith: async (program, _, { loaders, access }) =>
    (
      await readableRows(access, 'sharesOfProgram', program, () => loaders.pipelineSharesByProgram.load(program.id), 'pipelineShare', (share) => ({
        siteId: share.siteId,
        program,
      }))
    ).map((share) => ({
      __typename: 'Site',
      id: share.siteId,
    })),
};
