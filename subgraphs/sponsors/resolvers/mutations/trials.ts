// A sponsor's writes to its trials: registering one, amending its protocol, selecting its sites.
import type { EntityManager } from 'typeorm';
import { describeCaller } from '../../../shared/access';
import { badUserInput, forbidden } from '../../../shared/errors';
import { mutation } from '../../../shared/writes';
import { RULES } from '../../access';
import { ProtocolVersionEntity, SponsorEntity, TrialEntity } from '../../entities';
import type { CreateTrialInput, PublishProtocolVersionInput, SelectSitesInput } from '../../generated/resolvers';
import type { SponsorsContext } from '../../loaders';
import { bySponsor, newId, ownTrial, requireKnownSites } from './ownership';
import * as check from './validation';

const TRIALS = { table: 'trials', what: 'Trial', idField: 'input.trialId' };

/** PostgreSQL's unique_violation: another write took the value between our check and our insert. */
const isUniqueViolation = (error: unknown) => typeof error === 'object' && error !== null && 'code' in error && error.code === '23505';

/** The trial a sponsor registers, checked field by field. */
function newTrial(input: CreateTrialInput, sponsorId: string) {
  if (!/^NCT\d{8}$/.test(input.nctId)) throw badUserInput(`input.nctId must be NCT and 8 digits, got ${input.nctId}`, 'input.nctId');
  const { plannedStartOn = null, plannedEndOn = null } = input;
  if (plannedStartOn && plannedEndOn) check.notBefore(plannedEndOn, plannedStartOn, 'input.plannedEndOn', 'input.plannedStartOn');
  const trial = {
    id: newId('trial'),
    nctId: input.nctId,
    sponsorId,
    title: check.text(input.title, 'input.title', 1000),
    phase: input.phase,
    status: 'PLANNED',
    therapeuticArea: check.text(input.therapeuticArea, 'input.therapeuticArea', 100),
    conditions: check.distinct(
      (input.conditions ?? []).map((condition, i) => check.text(condition, `input.conditions[${i}]`, 300)),
      (i) => `input.conditions[${i}]`,
      'Condition',
    ),
    enrollmentTarget: check.optionalNotNegative(input.enrollmentTarget, 'input.enrollmentTarget'),
    plannedStartOn,
    plannedEndOn,
  };
  const protocol = input.protocol ? { effectiveOn: input.protocol.effectiveOn, ...check.protocolDesign(input.protocol, 'input.protocol') } : null;
  return { trial, protocol };
}

export const createTrial = mutation({
  ...bySponsor('register trials'),
  check: (input: CreateTrialInput, { caller }: SponsorsContext) => newTrial(input, caller.orgId),
  async record(manager: EntityManager, _input: CreateTrialInput, { caller }: SponsorsContext) {
    if (!(await manager.existsBy(SponsorEntity, { id: caller.orgId }))) {
      throw forbidden(RULES.sponsorWritesOwnTrials, `${describeCaller(caller)} is not a sponsor this subgraph knows`);
    }
    return caller.orgId;
  },
  async write(manager, _sponsorId, _input, _context, { trial, protocol }): Promise<TrialEntity> {
    if (await manager.existsBy(TrialEntity, { nctId: trial.nctId })) {
      throw badUserInput(`A trial with NCT id ${trial.nctId} is already registered`, 'input.nctId');
    }
    try {
      await manager.insert(TrialEntity, trial);
    } catch (error) {
      if (isUniqueViolation(error)) throw badUserInput(`A trial with NCT id ${trial.nctId} is already registered`, 'input.nctId');
      throw error;
    }
    if (protocol) await manager.insert(ProtocolVersionEntity, { ...protocol, trialId: trial.id, version: 1, amendmentReason: null });
    return manager.findOneByOrFail(TrialEntity, { id: trial.id });
  },
});

/** The version's design and reason, checked. */
function amendment(input: PublishProtocolVersionInput) {
  return {
    design: check.protocolDesign(input, 'input'),
    amendmentReason: input.amendmentReason == null ? null : check.text(input.amendmentReason, 'input.amendmentReason', 2000),
  };
}

export const publishProtocolVersion = mutation({
  ...bySponsor('publish its protocol'),
  check: (input: PublishProtocolVersionInput) => amendment(input),
  record: (manager: EntityManager, input: PublishProtocolVersionInput, { caller }: SponsorsContext) =>
    ownTrial(manager, caller, input.trialId, 'input.trialId', 'publish its protocol'),
  version: { ...TRIALS, id: (trial) => trial.id, expected: (input) => input.expectedVersion },
  async write(manager, trial, input, _context, { design, amendmentReason }): Promise<TrialEntity> {
    // Read under the trial's lock: no other version can be published meanwhile.
    const latest = await manager.findOne(ProtocolVersionEntity, { where: { trialId: trial.id }, order: { version: 'DESC' } });
    if (latest === null && amendmentReason !== null) {
      throw badUserInput('The first protocol version is not an amendment: leave input.amendmentReason out', 'input.amendmentReason');
    }
    if (latest !== null) {
      if (amendmentReason === null) {
        throw badUserInput(`Version ${latest.version + 1} amends version ${latest.version}: say why in input.amendmentReason`, 'input.amendmentReason');
      }
      // The versions take effect in the order they are numbered, so the one in force is never an older one.
      check.notBefore(input.effectiveOn, latest.effectiveOn, 'input.effectiveOn', `version ${latest.version}'s effectiveOn`);
    }
    await manager.insert(ProtocolVersionEntity, {
      ...design,
      trialId: trial.id,
      version: (latest?.version ?? 0) + 1,
      effectiveOn: input.effectiveOn,
      amendmentReason,
    });
    return manager.findOneByOrFail(TrialEntity, { id: trial.id });
  },
});

/** The sites selected, each once, with their enrollment targets. */
function selection(input: SelectSitesInput) {
  if (input.sites.length === 0) throw badUserInput('input.sites must name at least one site', 'input.sites');
  const siteIds = check.distinct(
    input.sites.map((site) => site.siteId),
    (i) => `input.sites[${i}].siteId`,
    'Site',
  );
  const targets = input.sites.map((site, i) => check.optionalNotNegative(site.enrollmentTarget, `input.sites[${i}].enrollmentTarget`));
  return { siteIds, targets };
}

export const selectSites = mutation({
  ...bySponsor('select its sites'),
  async check(input: SelectSitesInput, context: SponsorsContext) {
    const selected = selection(input);
    await requireKnownSites(context, selected.siteIds, (i) => `input.sites[${i}].siteId`);
    return selected;
  },
  record: (manager: EntityManager, input: SelectSitesInput, { caller }: SponsorsContext) =>
    ownTrial(manager, caller, input.trialId, 'input.trialId', 'select its sites'),
  version: { ...TRIALS, id: (trial) => trial.id, expected: (input) => input.expectedVersion },
  async write(manager, trial, input, _context, { siteIds, targets }): Promise<TrialEntity> {
    // Each selection waits for the site's answer: no partnership comes of it until the site accepts.
    const inserted: { siteId: string }[] = await manager.query(
      `WITH inserted AS (
         INSERT INTO trial_sites (id, trial_id, site_id, status, selected_on, enrollment_target)
         SELECT id, $1, site_id, 'SELECTED', $2, enrollment_target
           FROM unnest($3::text[], $4::text[], $5::integer[]) AS selected (id, site_id, enrollment_target)
         ON CONFLICT (trial_id, site_id) DO NOTHING
         RETURNING site_id)
       SELECT site_id AS "siteId" FROM inserted`,
      [trial.id, input.selectedOn, siteIds.map(() => newId('trial-site')), siteIds, targets],
    );
    // A site already in the trial inserts nothing: refusing it rolls back the rest with it.
    const selected = new Set(inserted.map((row) => row.siteId));
    const already = siteIds.findIndex((siteId) => !selected.has(siteId));
    if (already >= 0) {
      throw badUserInput(`Site ${siteIds[already]} is already in trial ${trial.id}`, `input.sites[${already}].siteId`);
    }
    return manager.findOneByOrFail(TrialEntity, { id: trial.id });
  },
});
