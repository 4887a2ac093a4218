// The typed client as a frontend uses it: every line is checked by tsc (npm run typecheck, and
// test/client.test.ts compiling client/ with this file alone), the @ts-expect-error lines included:
// each must be a type error, or tsc fails.
import {
  GatewayError,
  request,
  type RequestOptions,
  SitesInCountryDocument,
  type SitesInCountryQuery,
  TrialOverviewDocument,
  type TrialPhase,
} from '../../client';

/** A trial's title, phase and the names of its sites, through the typed client. */
export async function trialAtAGlance(nctId: string, options: RequestOptions): Promise<{ title: string; phase: TrialPhase; siteNames: string[] }> {
  const { trial } = await request(TrialOverviewDocument, { nctId }, options);
  if (!trial) throw new Error(`no trial ${nctId}`);
  return { title: trial.title, phase: trial.phase, siteNames: trial.sites.flatMap(({ site }) => (site ? [site.name] : [])) };
}

/** The first page of sites in a country, typed as the operation asks for them. */
export async function sitesIn(countryCode: string, first: number, options: RequestOptions): Promise<SitesInCountryQuery['sites']> {
  return (await request(SitesInCountryDocument, { countryCode, first }, options)).sites;
}

/** The error codes of a refused request, or none. */
export async function codesOf(work: Promise<unknown>): Promise<string[]> {
  try {
    await work;
    return [];
  } catch (error) {
    if (error instanceof GatewayError) return error.codes;
    throw error;
  }
}

// What the types refuse; never called.
export async function mistakesTheTypesCatch(options: RequestOptions): Promise<void> {
  // @ts-expect-error TrialOverview takes nctId, not id.
  await request(TrialOverviewDocument, { id: 'NCT00000000' }, options);
  // @ts-expect-error countryCode is required.
  await request(SitesInCountryDocument, { first: 5 }, options);
  const { trial } = await request(TrialOverviewDocument, { nctId: 'NCT00000000' }, options);
  // @ts-expect-error TrialOverview does not ask for a trial's acronym.
  void trial?.acronym;
  // @ts-expect-error a trial may be null (not found, or not the caller's to see).
  void trial.title;
}
