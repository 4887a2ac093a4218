// A sponsor's writes to a site's row in its trial: activation, then the enrollment figures.
import type { EntityManager } from 'typeorm';
import { badUserInput } from '../../../shared/errors';
import { mutation } from '../../../shared/writes';
import { TrialSiteEntity } from '../../entities';
import type { ActivateTrialSiteInput, RecordEnrollmentInput } from '../../generated/resolvers';
import type { SponsorsContext } from '../../loaders';
import { bySponsor, ownTrialSite } from './ownership';
import * as check from './validation';

const TRIAL_SITES = { table: 'trial_sites', what: 'Trial site', idField: 'input.trialSiteId' };

// The row's status is checked after its version is claimed, read again under that lock: a stale
// version is a CONFLICT before it is anything else.

export const activateTrialSite = mutation({
  ...bySponsor('activate its sites'),
  record: (manager: EntityManager, input: ActivateTrialSiteInput, { caller }: SponsorsContext) =>
    ownTrialSite(manager, caller, input.trialSiteId, 'input.trialSiteId', 'activate its sites'),
  version: { ...TRIAL_SITES, id: (trialSite) => trialSite.id, expected: (input) => input.expectedVersion },
  async write(manager, { id }, input): Promise<TrialSiteEntity> {
    const trialSite = await manager.findOneByOrFail(TrialSiteEntity, { id });
    if (trialSite.status !== 'SELECTED') {
      throw badUserInput(`Trial site ${id} is ${trialSite.status}: only a SELECTED site is activated`, 'input.trialSiteId');
    }
    // Both sides: a site is activated for a trial only once it accepted the selection.
    if (trialSite.siteResponse !== 'ACCEPTED') {
      throw badUserInput(`Trial site ${id} is ${trialSite.siteResponse} by its site: only a selection the site accepted is activated`, 'input.trialSiteId');
    }
    // A site imported from the registry has no known selection day to be after.
    if (trialSite.selectedOn !== null) {
      check.notBefore(input.activatedOn, trialSite.selectedOn, 'input.activatedOn', 'the day the site was selected');
    }
    await manager.update(TrialSiteEntity, { id }, { status: 'ACTIVATED', activatedOn: input.activatedOn });
    return manager.findOneByOrFail(TrialSiteEntity, { id });
  },
});

/** The figures, checked against each other. */
function enrollment(input: RecordEnrollmentInput) {
  const screened = check.notNegative(input.screened, 'input.screened');
  const enrolled = check.notNegative(input.enrolled, 'input.enrolled');
  const withdrawn = check.notNegative(input.withdrawn, 'input.withdrawn');
  if (enrolled > screened) throw badUserInput(`input.enrolled (${enrolled}) must not exceed input.screened (${screened})`, 'input.enrolled');
  if (withdrawn > enrolled) throw badUserInput(`input.withdrawn (${withdrawn}) must not exceed input.enrolled (${enrolled})`, 'input.withdrawn');
  if (input.firstPatientInOn != null && enrolled === 0) {
    throw badUserInput('input.firstPatientInOn needs at least one patient enrolled', 'input.firstPatientInOn');
  }
  return { screened, enrolled, withdrawn };
}

export const recordEnrollment = mutation({
  ...bySponsor('record its enrollment'),
  check: (input: RecordEnrollmentInput) => enrollment(input),
  record: (manager: EntityManager, input: RecordEnrollmentInput, { caller }: SponsorsContext) =>
    ownTrialSite(manager, caller, input.trialSiteId, 'input.trialSiteId', 'record its enrollment'),
  version: { ...TRIAL_SITES, id: (trialSite) => trialSite.id, expected: (input) => input.expectedVersion },
  async write(manager, { id }, input, _context, { screened, enrolled, withdrawn }): Promise<TrialSiteEntity> {
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
  },
});
