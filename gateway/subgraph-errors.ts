import { RemoteGraphQLDataSource } from '@apollo/gateway';
import {
  type DocumentNode,
  type FieldNode,
  GraphQLError,
  type GraphQLFormattedError,
  Kind,
  parse,
  type SelectionSetNode,
} from 'graphql';
import { logger } from '../platform/logger';
import type { GatewayMetrics } from '../platform/metrics';

interface CodedError {
  message: string;
  extensions?: { code?: unknown; field?: unknown };
}

/** What the gateway does when a subgraph does not answer. */
export interface SubgraphFetchLimits {
  /** The subgraph's name in the supergraph, named in the error a failed or timed-out fetch yields. */
  subgraph: string;
  /** How long one fetch may take, answer body included, in ms. */
  timeoutMs: number;
  /** Where each fetch's latency, and its failure, is counted. */
  metrics?: GatewayMetrics;
}

type DataSourceConfig<TContext extends Record<string, any>> = ConstructorParameters<typeof RemoteGraphQLDataSource<TContext>>[0];
type ProcessOptions<TContext extends Record<string, any>> = Parameters<RemoteGraphQLDataSource<TContext>['process']>[0];
type ProcessResult<TContext extends Record<string, any>> = Awaited<ReturnType<RemoteGraphQLDataSource<TContext>['process']>>;

/** The codes of a fetch the gateway gave up on: the rest of the answer goes on without it. */
const GIVEN_UP = new Set(['SUBGRAPH_TIMEOUT', 'SUBGRAPH_UNAVAILABLE']);

/**
 * A subgraph data source that hands on the coded error a subgraph refused a request with (HTTP 4xx:
 * a Date that is no day, an input over its bounds), code and field as the subgraph gave them,
 * instead of the gateway's bare "400: Bad Request". The gateway's schema cannot check such values
 * itself: custom scalars are opaque in a supergraph.
 *
 * Each fetch is also given up after `timeoutMs`: a stalled subgraph must not hold every request
 * that needs it (SUBGRAPH_TIMEOUT). A subgraph that cannot be reached, or answers HTTP 5xx, is
 * SUBGRAPH_UNAVAILABLE, and so is any other error status without a coded refusal (a proxy's 404 in
 * front of a partner that is down: without this it reached the caller as a bare INTERNAL_SERVER_ERROR
 * with no path and no subgraph named). Either way the fetch answers an error for each field it was to fill, with
 * the subgraph named and the path the caller asked for, and the gateway goes on with the others:
 * the caller gets what the live subgraphs answered, the failed fields null (see docs/api.md).
 */
export class CodedSubgraphDataSource<TContext extends Record<string, any>> extends RemoteGraphQLDataSource<TContext> {
  constructor(config: DataSourceConfig<TContext>, private readonly limits: SubgraphFetchLimits) {
    super(config);
    const send = this.fetcher;
    this.fetcher = (url, init) => send(url, { ...init, signal: AbortSignal.timeout(limits.timeoutMs) });
  }

  override async process(options: ProcessOptions<TContext>): Promise<ProcessResult<TContext>> {
    const fetched = this.limits.metrics?.subgraphFetch(this.limits.subgraph);
    try {
      const result = await super.process(options);
      fetched?.();
      return result;
    } catch (error) {
      const code = error instanceof GraphQLError ? String(error.extensions.code) : '';
      fetched?.(code || 'INTERNAL_SERVER_ERROR');
      if (!GIVEN_UP.has(code)) throw error;
      const { message, extensions } = error as GraphQLError;
      const paths = fieldsToFill(options);
      const errors: GraphQLFormattedError[] = paths.length > 0 ? paths.map((path) => ({ message, path, extensions })) : [{ message, extensions }];
      return { errors } as ProcessResult<TContext>;
    }
  }

  override didEncounterError(error: Error, _request: unknown, response?: Response, context?: TContext): void {
    const { subgraph, timeoutMs } = this.limits;
    // The caller's request id, as its x-request-id header gave it: the line is found from what the caller quotes.
    const requestId: unknown = context?.requestId;
    if (error instanceof GraphQLError) {
      if (error.extensions.code === 'SUBGRAPH_UNAVAILABLE') logger.warn({ subgraph, requestId, status: response?.status }, 'subgraph answered an error status');
      throw error;
    }
    // The timeout's signal is the only one a fetch is given: node-fetch rejects with an AbortError
    // when it fires, while the request or its answer's body is under way; Node's fetch with a TimeoutError.
    if (error.name === 'TimeoutError' || error.name === 'AbortError') {
      logger.warn({ subgraph, requestId, timeoutMs }, 'subgraph fetch timed out');
      throw new GraphQLError(`The ${subgraph} subgraph did not answer within ${timeoutMs} ms`, {
        extensions: { code: 'SUBGRAPH_TIMEOUT', subgraph },
      });
    }
    // Refused connection, reset, a body that is not JSON: the caller learns which subgraph, the log why.
    logger.warn({ subgraph, requestId, err: error }, 'subgraph fetch failed');
    throw unavailable(subgraph);
  }

  /**
   * A refusal with a code (HTTP 4xx from one of our subgraphs) is passed on as it is; any other
   * error status (5xx, a proxy's 404 or 502, a partner's 401) means the subgraph could not answer.
   */
  override async errorFromResponse(response: Response): Promise<GraphQLError> {
    if (response.status >= 400 && response.status < 500) {
      const body = (await response.clone().json().catch(() => null)) as { errors?: CodedError[] } | null;
      const refusal = body?.errors?.find((error) => typeof error.extensions?.code === 'string');
      if (refusal && refusal.extensions?.code !== 'INTERNAL_SERVER_ERROR') {
        const { code, field } = refusal.extensions!;
        return new GraphQLError(refusal.message, { extensions: field === undefined ? { code } : { code, field } });
      }
    }
    return unavailable(this.limits.subgraph);
  }
}

function unavailable(subgraph: string): GraphQLError {
  return new GraphQLError(`The ${subgraph} subgraph is unavailable; the fields it serves are null in this answer`, {
    extensions: { code: 'SUBGRAPH_UNAVAILABLE', subgraph },
  });
}

/** The response keys a selection asks for, __typename aside, inline fragments looked into. */
function responseKeys(selectionSet: SelectionSetNode): string[] {
  const keys = new Set<string>();
  for (const selection of selectionSet.selections) {
    if (selection.kind === Kind.FIELD && selection.name.value !== '__typename') keys.add((selection.alias ?? selection.name).value);
    else if (selection.kind === Kind.INLINE_FRAGMENT) for (const key of responseKeys(selection.selectionSet)) keys.add(key);
  }
  return [...keys];
}

/**
 * The paths, in the subgraph's own answer, of the fields a fetch was to fill: `_entities.<i>.<field>`
 * for each representation of an entity fetch (the gateway maps them to the caller's paths, e.g.
 * `sites.edges.3.node.monitoringVisits`), else each root field.
 */
function fieldsToFill<TContext extends Record<string, any>>(options: ProcessOptions<TContext>): (string | number)[][] {
  const document: DocumentNode | undefined =
    ('document' in options ? options.document : undefined) ?? (options.request.query ? parse(options.request.query) : undefined);
  const operation = document?.definitions.find((definition) => definition.kind === Kind.OPERATION_DEFINITION);
  if (!operation || operation.kind !== Kind.OPERATION_DEFINITION) return [];
  const roots = operation.selectionSet.selections.filter((selection): selection is FieldNode => selection.kind === Kind.FIELD);
  const entities = roots.find((field) => field.name.value === '_entities' && !field.alias);
  if (!entities?.selectionSet) return responseKeys(operation.selectionSet).map((key) => [key]);
  const representations = (options.request.variables?.representations as unknown[] | undefined) ?? [];
  const fields = responseKeys(entities.selectionSet);
  return representations.flatMap((_, index) => fields.map((field) => ['_entities', index, field]));
}
