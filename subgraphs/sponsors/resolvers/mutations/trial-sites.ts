// A sponsor's writes to a site's row in its trial: activation, then the enrollment figures.
import { badUserInput } from '../../../shared/errors';
import { claimVersion, inTransaction } from '../../../shared/writes';
import { TrialSiteEntity } from '../../entities';
import type { SponsorsContext } from '../../loaders';
import { ownTrialSite } from './ownership';
import * as check from './validation';

const TRIAL_SITES = { table: 'trial_sites', what: 'Trial site', idField: 'input.trialSiteId' };

interface ActivateTrialSiteInput {
  trialSiteId: string;
  expectedVersion: number;
  activatedOn: string;
}

interface RecordEnrollmentInput {
  trialSiteId: string;
  expectedVersion: number;
  screened: number;
  enrolled: number;
  withdrawn: number;
  firstPatientInOn?: string | null;
}

export async function activateTrialSite(input: ActivateTrialSiteInput, context: SponsorsContext): Promise<TrialSiteEntity> {
  const { id } = await ownTrialSite(context, input.trialSiteId, 'input.trialSiteId', 'activate its sites');

  return inTransaction(context.db, async (manager) => {
    await claimVersion(manager, TRIAL_SITES, id, input.expectedVersion);
    const trialSite = await manager.findOneByOrFail(TrialSiteEntity, { id });
    if (trialSite.status !== 'SELECTED') {
      throw badUserInput(`Trial site ${id} is ${trialSite.status}: only a SELECTED site is activated`, 'input.trialSiteId');
    }
    // A site imported from the registry has no known selection day to be after.
    if (trialSite.selectedOn !== null) {
      check.notBefore(input.activatedOn, trialSite.selectedOn, 'input.activatedOn', 'the day the site was selected');
    }
    await manager.update(TrialSiteEntity, { id }, { status: 'ACTIVATED', activatedOn: input.activatedOn });
    return manager.findOneByOrFail(TrialSiteEntity, { id });
  });
}

export async function recordEnrollment(input: RecordEnrollmentInput, context: SponsorsContext): Promise<TrialSiteEntity> {
  const { id } = await ownTrialSite(context, input.trialSiteId, 'input.trialSiteId', 'record its enrollment');
  const screened = check.notNegative(input.screened, 'input.screened');
  const enrolled = check.notNegative(input.enrolled, 'input.enrolled');
  const withdrawn = check.notNegative(input.withdrawn, 'input.withdrawn');
  if (enrolled > screened) throw badUserInput(`input.enrolled (${enrolled}) must not exceed input.screened (${screened})`, 'input.enrolled');
  if (withdrawn > enrolled) throw badUserInput(`input.withdrawn (${withdrawn}) must not exceed input.enrolled (${enrolled})`, 'input.withdrawn');
  if (input.firstPatientInOn != null && enrolled === 0) {
    throw badUserInput('input.firstPatientInOn needs at least one patient enrolled', 'input.firstPatientInOn');
  }

  return inTransaction(context.db, async (manager) => {
    await claimVersion(manager, TRIAL_SITES, id, input.expectedVersion);
    const trialSite = await manager.findOneByOrFail(TrialSiteEntity, { id });
    // Patients are screened once the site is activated, and not after it closed.
    if (trialSite.status === 'SELECTED' || trialSite.status === 'CLOSED') {
      throw badUserInput(`Trial site ${id} is ${trialSite.status}: enrollment is recorded from activation until it closes`, 'input.trialSiteId');
    }
    const firstPatientInOn = input.firstPatientInOn ?? trialSite.firstPatientInOn;
    if (enrolled > 0 && firstPatientInOn === null) {
      throw badUserInput('The first patient enrolled here: say when in input.firstPatientInOn', 'input.firstPatientInOn');
    }
    if (input.firstPatientInOn != null) {
      check.notBefore(input.firstPatientInOn, trialSite.activatedOn!, 'input.firstPatientInOn', 'the day the site was activated');
    }
    await manager.update(
      TrialSiteEntity,
      { id },
      {
        screened,
        enrolled,
        withdrawn,
        firstPatientInOn,
        // The first patient in is what makes an activated site an enrolling one.
        status: trialSite.status === 'ACTIVATED' && enrolled > 0 ? 'ENROLLING' : trialSite.status,
      },
    );
    return manager.findOneByOrFail(TrialSiteEntity, { id });
  });
}
