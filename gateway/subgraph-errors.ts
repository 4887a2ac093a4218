import { RemoteGraphQLDataSource } from '@apollo/gateway';
import { GraphQLError } from 'graphql';

interface CodedError {
  message: string;
  extensions?: { code?: unknown; field?: unknown };
}

/** What the gateway does when a subgraph does not answer. */
export interface SubgraphFetchLimits {
  /** The subgraph's name in the supergraph, named in the error a timed-out fetch yields. */
  subgraph: string;
  /** How long one fetch may take, answer body included, in ms. */
  timeoutMs: number;
}

type DataSourceConfig<TContext extends Record<string, any>> = ConstructorParameters<typeof RemoteGraphQLDataSource<TContext>>[0];

/**
 * A subgraph data source that hands on the coded error a subgraph refused a request with (HTTP 4xx:
 * a Date that is no day, an input over its bounds), code and field as the subgraph gave them,
 * instead of the gateway's bare "400: Bad Request". The gateway's schema cannot check such values
 * itself: custom scalars are opaque in a supergraph.
 *
 * Each fetch is also given up after `timeoutMs`: a stalled subgraph must not hold every request
 * that needs it, and the caller learns which subgraph it was (SUBGRAPH_TIMEOUT).
 */
export class CodedSubgraphDataSource<TContext extends Record<string, any>> extends RemoteGraphQLDataSource<TContext> {
  constructor(config: DataSourceConfig<TContext>, private readonly limits: SubgraphFetchLimits) {
    super(config);
    const send = this.fetcher;
    this.fetcher = (url, init) => send(url, { ...init, signal: AbortSignal.timeout(limits.timeoutMs) });
  }

  override didEncounterError(error: Error): void {
    if (error.name !== 'TimeoutError') throw error;
    const { subgraph, timeoutMs } = this.limits;
    throw new GraphQLError(`The ${subgraph} subgraph did not answer within ${timeoutMs} ms`, {
      extensions: { code: 'SUBGRAPH_TIMEOUT', subgraph },
    });
  }

  override async errorFromResponse(response: Response): Promise<GraphQLError> {
    const fallback = () => super.errorFromResponse(response);
    if (response.status < 400 || response.status >= 500) return fallback();
    const body = (await response.clone().json().catch(() => null)) as { errors?: CodedError[] } | null;
    const refusal = body?.errors?.find((error) => typeof error.extensions?.code === 'string');
    if (!refusal || refusal.extensions?.code === 'INTERNAL_SERVER_ERROR') return fallback();
    const { code, field } = refusal.extensions!;
    return new GraphQLError(refusal.message, { extensions: field === undefined ? { code } : { code, field } });
  }
}
