// A sponsor's pipeline: programmes it plans, told ahead of time to the sites it names.
import { badUserInput } from '../../../shared/errors';
import { claimVersion, inTransaction } from '../../../shared/writes';
import { PipelineProgramEntity, PipelineShareEntity } from '../../entities';
import type { SponsorsContext } from '../../loaders';
import { newId, ownProgram, requireKnownSites, requireSponsor } from './ownership';
import * as check from './validation';

const PROGRAMS = { table: 'pipeline_programs', what: 'Pipeline programme', idField: 'input.programId' };

interface SharePipelineProgramInput {
  programId?: string | null;
  expectedVersion?: number | null;
  indication: string;
  therapeuticArea: string;
  phase: string;
  plannedStartQuarter: string;
  estimatedSites: number;
  countries: string[];
  sharedWithSiteIds: string[];
}

export async function sharePipelineProgram(input: SharePipelineProgramInput, context: SponsorsContext): Promise<PipelineProgramEntity> {
  const what = 'share its pipeline';
  const { programId = null, expectedVersion = null } = input;
  if (programId === null) {
    requireSponsor(context.caller, what);
    if (expectedVersion !== null) {
      throw badUserInput('input.expectedVersion is for updating a programme: give input.programId too, or leave it out', 'input.expectedVersion');
    }
  } else {
    await ownProgram(context, programId, 'input.programId', what);
    if (expectedVersion === null) {
      throw badUserInput(`Updating programme ${programId} needs the version you read, in input.expectedVersion`, 'input.expectedVersion');
    }
  }
  const fields = {
    indication: check.text(input.indication, 'input.indication', 500),
    therapeuticArea: check.text(input.therapeuticArea, 'input.therapeuticArea', 100),
    phase: input.phase,
    plannedStartQuarter: check.quarter(input.plannedStartQuarter, 'input.plannedStartQuarter'),
    estimatedSites: check.notNegative(input.estimatedSites, 'input.estimatedSites'),
    countries: check.countries(input.countries, 'input.countries'),
  };
  const siteIds = check.distinct(input.sharedWithSiteIds, (i) => `input.sharedWithSiteIds[${i}]`, 'Site');
  await requireKnownSites(context, siteIds, (i) => `input.sharedWithSiteIds[${i}]`);

  return inTransaction(context.db, async (manager) => {
    let id: string;
    if (programId === null) {
      id = newId('pipeline');
      await manager.insert(PipelineProgramEntity, { id, sponsorId: context.caller.orgId, ...fields });
    } else {
      id = programId;
      await claimVersion(manager, PROGRAMS, id, expectedVersion!);
      await manager.update(PipelineProgramEntity, { id }, fields);
      // The list given is the whole list: sites left out of it are no longer told.
      await manager.delete(PipelineShareEntity, { programId: id });
    }
    if (siteIds.length > 0) await manager.insert(PipelineShareEntity, siteIds.map((siteId) => ({ programId: id, siteId })));
    return manager.findOneByOrFail(PipelineProgramEntity, { id });
  });
}
