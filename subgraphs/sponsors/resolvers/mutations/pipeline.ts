// A sponsor's pipeline: programmes it plans, told ahead of time to the sites it names.
import type { EntityManager } from 'typeorm';
import { badUserInput } from '../../../shared/errors';
import { claimVersion, mutation } from '../../../shared/writes';
import { PipelineProgramEntity, PipelineShareEntity } from '../../entities';
import type { SharePipelineProgramInput } from '../../generated/resolvers';
import type { SponsorsContext } from '../../loaders';
import { bySponsor, newId, ownProgram, requireKnownSites } from './ownership';
import * as check from './validation';

const PROGRAMS = { table: 'pipeline_programs', what: 'Pipeline programme', idField: 'input.programId' };
const WHAT = 'share its pipeline';

/** The programme's fields and the sites it is shared with, checked. */
function programme(input: SharePipelineProgramInput) {
  const fields = {
    indication: check.text(input.indication, 'input.indication', 500),
    therapeuticArea: check.text(input.therapeuticArea, 'input.therapeuticArea', 100),
    phase: input.phase,
    plannedStartQuarter: check.quarter(input.plannedStartQuarter, 'input.plannedStartQuarter'),
    estimatedSites: check.notNegative(input.estimatedSites, 'input.estimatedSites'),
    countries: check.countries(input.countries, 'input.countries'),
  };
  const siteIds = check.distinct(input.sharedWithSiteIds, (i) => `input.sharedWithSiteIds[${i}]`, 'Site');
  return { fields, siteIds };
}

// One mutation both creates a programme (no programId) and updates one (programId and the version
// read). Only an update has a version to claim, so `write` claims it rather than the `version` step.
export const sharePipelineProgram = mutation({
  ...bySponsor(WHAT),
  async check(input: SharePipelineProgramInput, context: SponsorsContext) {
    const { programId = null, expectedVersion = null } = input;
    if (programId === null && expectedVersion !== null) {
      throw badUserInput('input.expectedVersion is for updating a programme: give input.programId too, or leave it out', 'input.expectedVersion');
    }
    if (programId !== null && expectedVersion === null) {
      throw badUserInput(`Updating programme ${programId} needs the version you read, in input.expectedVersion`, 'input.expectedVersion');
    }
    await requireKnownSites(context, programme(input).siteIds, (i) => `input.sharedWithSiteIds[${i}]`);
  },
  record: async (manager: EntityManager, input: SharePipelineProgramInput, { caller }: SponsorsContext) =>
    input.programId == null ? null : ownProgram(manager, caller, input.programId, 'input.programId', WHAT),
  async write(manager, program, input, { caller }): Promise<PipelineProgramEntity> {
    const { fields, siteIds } = programme(input);
    let id: string;
    if (program === null) {
      id = newId('pipeline');
      await manager.insert(PipelineProgramEntity, { id, sponsorId: caller.orgId, ...fields });
    } else {
      id = program.id;
      await claimVersion(manager, PROGRAMS, id, input.expectedVersion!);
      await manager.update(PipelineProgramEntity, { id }, fields);
      // The list given is the whole list: sites left out of it are no longer told.
      await manager.delete(PipelineShareEntity, { programId: id });
    }
    if (siteIds.length > 0) await manager.insert(PipelineShareEntity, siteIds.map((siteId) => ({ programId: id, siteId })));
    return manager.findOneByOrFail(PipelineProgramEntity, { id });
  },
});
