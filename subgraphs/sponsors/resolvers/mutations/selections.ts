// A site's answer to its selection. The sponsor selects; the site accepts or declines. Only an
// accepted selection makes the sponsor the site's partner: a relationship takes both sides.
import type { EntityManager } from 'typeorm';
import { describeCaller } from '../../../shared/access';
import { notInFuture } from '../../../shared/dates';
import { badUserInput } from '../../../shared/errors';
import { mutation, writableRecord } from '../../../shared/writes';
import { RULES } from '../../access';
import { TrialEntity, TrialSiteEntity } from '../../entities';
import type { AnswerSiteSelectionInput } from '../../generated/resolvers';
import type { SponsorsContext } from '../../loaders';
import { newId } from './ownership';
import * as check from './validation';

const TRIAL_SITES = { table: 'trial_sites', what: 'Trial site', idField: 'input.trialSiteId' };

/**
 * The caller's own selection. Another site's selection and no selection at all are refused alike,
 * so the refusal tells a site nothing of selections it may not see.
 */
async function ownSelection(manager: EntityManager, { caller }: SponsorsContext, input: AnswerSiteSelectionInput, what: string) {
  return writableRecord(await manager.findOneBy(TrialSiteEntity, { id: input.trialSiteId }), (found) => found.siteId === caller.orgId, {
    rule: RULES.siteAnswersOwnSelections,
    field: 'input.trialSiteId',
    writer: `Only the site selected may ${what}`,
    record: `selection of ${describeCaller(caller)}`,
  });
}

/** The answer, under the selection's lock: only a PENDING selection is answered, once. */
async function answer(manager: EntityManager, id: string, input: AnswerSiteSelectionInput, response: 'ACCEPTED' | 'DECLINED') {
  const trialSite = await manager.findOneByOrFail(TrialSiteEntity, { id });
  if (trialSite.siteResponse !== 'PENDING') {
    throw badUserInput(`This selection was already ${trialSite.siteResponse} on ${trialSite.respondedOn}; a site answers a selection once`, 'input.trialSiteId');
  }
  if (trialSite.selectedOn !== null) check.notBefore(input.respondedOn, trialSite.selectedOn, 'input.respondedOn', 'the day the site was selected');
  await manager.update(TrialSiteEntity, { id }, { siteResponse: response, respondedOn: input.respondedOn });
  return trialSite;
}

const bySite = (what: string) => ({ what, parties: ['SITE'] as const, rule: RULES.siteAnswersOwnSelections });

const ACCEPT = 'accept its selection for a trial';
const DECLINE = 'decline its selection for a trial';

export const acceptSiteSelection = mutation({
  ...bySite(ACCEPT),
  check: (input: AnswerSiteSelectionInput) => notInFuture(input.respondedOn, 'input.respondedOn'),
  record: (manager: EntityManager, input: AnswerSiteSelectionInput, context: SponsorsContext) => ownSelection(manager, context, input, ACCEPT),
  version: { ...TRIAL_SITES, id: (trialSite) => trialSite.id, expected: (input) => input.expectedVersion },
  async write(manager, { id }, input): Promise<TrialSiteEntity> {
    const trialSite = await answer(manager, id, input, 'ACCEPTED');
    const { sponsorId } = await manager.findOneByOrFail(TrialEntity, { id: trialSite.trialId });
    // The first accepted selection starts the partnership; a later one joins it.
    await manager.query(
      `INSERT INTO partnerships (id, sponsor_id, site_id, since) VALUES ($1, $2, $3, $4)
       ON CONFLICT (sponsor_id, site_id) DO NOTHING`,
      [newId('partnership'), sponsorId, trialSite.siteId, input.respondedOn],
    );
    return manager.findOneByOrFail(TrialSiteEntity, { id });
  },
});

export const declineSiteSelection = mutation({
  ...bySite(DECLINE),
  check: (input: AnswerSiteSelectionInput) => notInFuture(input.respondedOn, 'input.respondedOn'),
  record: (manager: EntityManager, input: AnswerSiteSelectionInput, context: SponsorsContext) => ownSelection(manager, context, input, DECLINE),
  version: { ...TRIAL_SITES, id: (trialSite) => trialSite.id, expected: (input) => input.expectedVersion },
  async write(manager, { id }, input): Promise<TrialSiteEntity> {
    await answer(manager, id, input, 'DECLINED');
    return manager.findOneByOrFail(TrialSiteEntity, { id });
  },
});
