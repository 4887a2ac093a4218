import { RemoteGraphQLDataSource } from '@apollo/gateway';
import { GraphQLError } from 'graphql';

interface CodedError {
  message: string;
  extensions?: { code?: unknown; field?: unknown };
}

/**
 * A subgraph data source that hands on the coded error a subgraph refused a request with (HTTP 4xx:
 * a Date that is no day, an input over its bounds), code and field as the subgraph gave them,
 * instead of the gateway's bare "400: Bad Request". The gateway's schema cannot check such values
 * itself: custom scalars are opaque in a supergraph.
 */
export class CodedSubgraphDataSource<TContext extends Record<string, any>> extends RemoteGraphQLDataSource<TContext> {
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
