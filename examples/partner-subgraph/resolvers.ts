// What each field of schema.graphql answers. Site and Trial are resolved by key alone: we add our
// fields to them and never need to know more of them than their id.
import DataLoader from 'dataloader';
import { GraphQLError, GraphQLScalarType, Kind } from 'graphql';
import { readEdcIntegration, requireEhrIntegrationReader, requireOwnSite } from './access';
import type { Caller } from './identity';
import type { EdcIntegrationRecord, EhrIntegrationRecord, PartnerStore } from './store';

export interface PartnerContext {
  caller: Caller;
  loaders: PartnerLoaders;
  store: PartnerStore;
}

/** One loader per key and request: all the sites of one gateway fetch are read in one batch. */
export function createLoaders(store: PartnerStore) {
  return {
    ehrIntegrationOfSite: new DataLoader<string, EhrIntegrationRecord | null>((ids) => store.ehrIntegrationsOfSites(ids)),
    edcIntegrationOfTrial: new DataLoader<string, EdcIntegrationRecord | null>((ids) => store.edcIntegrationsOfTrials(ids)),
  };
}
export type PartnerLoaders = ReturnType<typeof createLoaders>;

function badUserInput(message: string, field: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'BAD_USER_INPUT', field } });
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

function parseDate(value: unknown): string {
  // A day the calendar has: 2026-02-30 would otherwise pass as 2 March.
  if (typeof value === 'string' && ISO_DATE.test(value) && new Date(`${value}T00:00:00Z`).toISOString().startsWith(value)) return value;
  throw new GraphQLError(`Date must be an ISO 8601 calendar date (yyyy-MM-dd), got ${JSON.stringify(value)}`, {
    extensions: { code: 'BAD_USER_INPUT' },
  });
}

/** Dates travel as yyyy-MM-dd strings, as the party subgraphs write them: no time zone can shift them. */
const DateScalar = new GraphQLScalarType({
  name: 'Date',
  serialize: parseDate,
  parseValue: parseDate,
  parseLiteral: (ast) => parseDate(ast.kind === Kind.STRING ? ast.value : null),
});

interface RecordEhrIntegrationInput {
  siteId: string;
  system: EhrIntegrationRecord['system'];
  status: EhrIntegrationRecord['status'];
  goLiveDate?: string | null;
}

const today = () => new Date().toISOString().slice(0, 10);

type SiteReference = { id: string };
type TrialReference = { id: string };

/** A representation's key, as the gateway sends it; anything else is the caller's mistake, said so. */
function representationId(representation: { id?: unknown }, typename: string): string {
  if (typeof representation.id !== 'string' || representation.id === '') {
    throw badUserInput(`A ${typename} representation needs its id (a non-empty string)`, 'representations');
  }
  return representation.id;
}

export const resolvers = {
  Date: DateScalar,
  Site: {
    __resolveReference: (site: SiteReference): SiteReference => ({ id: representationId(site, 'Site') }),
    ehrIntegration: (site: SiteReference, _args: unknown, { caller, loaders }: PartnerContext) => {
      requireEhrIntegrationReader(caller, site.id);
      return loaders.ehrIntegrationOfSite.load(site.id);
    },
  },
  Trial: {
    __resolveReference: (trial: TrialReference): TrialReference => ({ id: representationId(trial, 'Trial') }),
    edcIntegration: async (trial: TrialReference, _args: unknown, { caller, loaders }: PartnerContext) =>
      readEdcIntegration(caller, trial.id, await loaders.edcIntegrationOfTrial.load(trial.id)),
  },
  Mutation: {
    recordEhrIntegration: async (_parent: unknown, { input }: { input: RecordEhrIntegrationInput }, { caller, loaders, store }: PartnerContext): Promise<SiteReference> => {
      requireOwnSite(caller, input.siteId);
      // GraphQL checks each enum and the date; what it cannot check is which values go together.
      if (input.status === 'LIVE' && !input.goLiveDate) throw badUserInput('A LIVE integration needs its goLiveDate', 'input.goLiveDate');
      await store.saveEhrIntegration({
        siteId: input.siteId,
        system: input.system,
        status: input.status,
        goLiveDate: input.goLiveDate ?? null,
        updatedOn: today(),
      });
      loaders.ehrIntegrationOfSite.clear(input.siteId);
      return { id: input.siteId };
    },
  },
};
