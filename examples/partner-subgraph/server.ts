// The EHR vendor's subgraph on GraphQL Yoga: build it here (no port), listen in index.ts. Yoga
// answers GET /health itself; every other request needs a token the supergraph would accept.
// @apollo/subgraph's buildSubgraphSchema adds _service and _entities to the SDL: The Guild's
// @graphql-tools/federation (v4, installed with @graphql-hive/gateway) no longer exports one, and
// any library that answers those two fields will do.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { defaultFieldResolver, getOperationAST, type GraphQLSchema, NoSchemaIntrospectionCustomRule, parse } from 'graphql';
import { createYoga, type Plugin } from 'graphql-yoga';
import { forbidden, requireScope, RULES } from './access';
import { type Caller, type CallerVerifier, callerVerifier, type TokenCheck } from './identity';
import { createLoaders, resolvers, type PartnerContext } from './resolvers';
import { PartnerStore } from './store';

export const SCHEMA_FILE = resolve(__dirname, 'schema.graphql');
const REQUEST_ID_HEADER = 'x-request-id';

/** The resolver map buildSubgraphSchema takes, as its public signature names it. */
type SubgraphResolverMap = Extract<Parameters<typeof buildSubgraphSchema>[0], { typeDefs: unknown }>['resolvers'];

export interface PartnerSubgraphOptions {
  /** How callers' tokens are checked (tokenCheckFromEnv() reads the supergraph's AUTH_* settings). */
  tokens: TokenCheck;
  /** The partner's data; an empty store unless given. */
  store?: PartnerStore;
  /** In production the schema explorer page is off and the schema is a platform admin's (schemaForAdmins). */
  production?: boolean;
}

/** Queries need the read scope, mutations the write scope: checked before anything runs. */
function operationScopes(): Plugin<PartnerContext> {
  return {
    onExecute({ args }) {
      const operation = getOperationAST(args.document, args.operationName);
      requireScope(args.contextValue.caller, operation?.operation === 'mutation' ? 'write' : 'read');
    },
  };
}

/**
 * The token is checked as the request arrives, before its document is parsed or validated, as our
 * subgraphs do: a caller without a valid one gets 401 and nothing else, not a validation error
 * whose "Did you mean …" reads the schema out to a stranger. The caller is kept for the context.
 */
function callerFirst(verify: CallerVerifier) {
  const callers = new WeakMap<Request, Promise<Caller>>();
  const callerOf = (request: Request): Promise<Caller> => {
    let caller = callers.get(request);
    if (!caller) {
      caller = verify(request.headers.get('authorization'));
      callers.set(request, caller);
    }
    return caller;
  };
  const plugin: Plugin = {
    async onRequestParse({ request }) {
      await callerOf(request);
    },
  };
  return { plugin, callerOf };
}

/**
 * In production the schema is for the supergraph's platform admins, as ours is: `_service { sdl }`
 * (what npm run compose reads, with an admin's token) is FORBIDDEN to anyone else, and introspection
 * is refused to all. Any token holder can call the partner directly, not only the gateway.
 */
function schemaForAdmins(schema: GraphQLSchema): Plugin {
  const service = schema.getQueryType()?.getFields()._service;
  if (service) {
    const resolve = service.resolve ?? defaultFieldResolver;
    service.resolve = (source, args, context: PartnerContext, info) => {
      if (context.caller.party !== 'PLATFORM_ADMIN') {
        throw forbidden(RULES.subgraphSchema, `In production a subgraph's schema is shown to platform admins only; the caller is ${context.caller.party} ${context.caller.orgId}`);
      }
      return resolve(source, args, context, info);
    };
  }
  return {
    onValidate({ addValidationRule }) {
      addValidationRule(NoSchemaIntrospectionCustomRule);
    },
  };
}

/** Echoes the gateway's x-request-id (the caller's id and a part of the gateway's own), so logs on both sides meet. */
function requestIdEcho(): Plugin {
  return {
    onResponse({ request, response }) {
      const requestId = request.headers.get(REQUEST_ID_HEADER);
      if (requestId) response.headers.set(REQUEST_ID_HEADER, requestId);
    },
  };
}

export function buildPartnerSubgraph(options: PartnerSubgraphOptions) {
  const store = options.store ?? new PartnerStore();
  const tokens = callerFirst(callerVerifier(options.tokens));
  const schema = buildSubgraphSchema({ typeDefs: parse(readFileSync(SCHEMA_FILE, 'utf8')), resolvers: resolvers as SubgraphResolverMap });
  const yoga = createYoga<Record<string, unknown>, PartnerContext>({
    schema,
    graphqlEndpoint: '/graphql',
    healthCheckEndpoint: '/health',
    graphiql: !options.production,
    landingPage: false,
    // An unexpected error reaches the caller as "Unexpected error." with no stack, NODE_ENV whatever it is.
    maskedErrors: { isDev: false },
    // A token that fails throws UNAUTHENTICATED in callerFirst, before the document is read: Yoga
    // answers it with the error's HTTP status, 401.
    context: async ({ request }) => ({
      caller: await tokens.callerOf(request),
      loaders: createLoaders(store),
      store,
    }),
    plugins: [tokens.plugin, operationScopes(), requestIdEcho(), ...(options.production ? [schemaForAdmins(schema)] : [])],
  });
  return { yoga, store };
}
