import type { PipelineProgramEntity } from '../entities';
import { readableRows } from '../access';
import type { SponsorsContext } from '../loaders';

export const PipelineProgram = {
  sponsor: (program: PipelineProgramEntity, _: unknown, { loaders }: SponsorsContext) =>
    loaders.sponsorById.load(program.sponsorId),

  sharedWith: async (program: PipelineProgramEntity, _: unknown, { loaders, access }: SponsorsContext) =>
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
