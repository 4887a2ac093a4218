// The five flagship operations (../shared/queries/) with the demo dataset's variables, and the
// callers a test asks them as: one of each party kind, and both sponsors that matter (the
// flagship sponsor, and the sponsor of the flagship trial).
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { flagshipVariables } from '../../seed/flagship-variables';
import type { DemoDataset } from '../../seed/model';
import type { PartyKind } from '../../platform/identity';

const QUERIES_DIR = resolve(__dirname, '..', '..', '..', 'shared', 'queries');

/** A flagship operation's text, by its file name in ../shared/queries/. */
export const operation = (file: string) => readFileSync(resolve(QUERIES_DIR, file), 'utf8');

/** Each flagship operation's file and its variables on this dataset (SitesInCountry at its largest page). */
export function flagshipRequests(dataset: DemoDataset): [string, Record<string, unknown>][] {
  const v = flagshipVariables(dataset);
  return [
    ['sites-in-country.graphql', { countryCode: v.countryCode, first: 100 }],
    ['trial-overview.graphql', { nctId: v.nctId }],
    ['site-partnerships.graphql', { siteId: v.siteId }],
    ['cro-portfolio.graphql', { croId: v.croId }],
    ['sponsor-feedback.graphql', { sponsorId: v.sponsorId }],
  ];
}

/** A caller of each kind the flagship operations are asked as. */
export function flagshipCallers(dataset: DemoDataset): [PartyKind, string][] {
  const v = flagshipVariables(dataset);
  const trialSponsorId = dataset.trials.find((trial) => trial.nctId === v.nctId)!.sponsorId;
  return [
    ['PLATFORM_ADMIN', 'platform'],
    ['SPONSOR', v.sponsorId],
    ['SPONSOR', trialSponsorId],
    ['SITE', v.siteId],
    ['CRO', v.croId],
    ['PATIENT_ADVOCATE', v.advocacyGroupId],
  ];
}
