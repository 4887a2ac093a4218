import { unwrapResolverError } from '@apollo/server/errors';
import type { GraphQLError, GraphQLFormattedError } from 'graphql';
import type { Logger } from 'pino';
import { requestIdOf } from './request-id';

export interface MaskingOptions {
  /**
   * Turns a failure that is not a bug into the coded error the caller gets instead of
   * INTERNAL_SERVER_ERROR (a subgraph's cut database connection: DATABASE_UNAVAILABLE), or null.
   * It is logged as a warning with the original error; only its own message and code are sent.
   */
  recognise?: (error: unknown) => GraphQLError | null;
}

/**
 * An Apollo `formatError` that lets the errors raised on purpose (those with a code: BAD_USER_INPUT,
 * FORBIDDEN, CONFLICT, GRAPHQL_VALIDATION_FAILED, …) through as they are, and replaces anything else (a
 * database error, a bug) with a plain INTERNAL_SERVER_ERROR: its text is logged, never sent, since
 * it may name tables, hosts or data. Subgraph response details the gateway attaches are dropped too.
 */
export function maskUnexpectedErrors(logger: Logger, options: MaskingOptions = {}) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    // Ours carry a code; Apollo gives anything else INTERNAL_SERVER_ERROR. At the gateway a subgraph's
    // error arrives as plain data with the code it was sent with.
    const code = formatted.extensions?.code;
    if (code && code !== 'INTERNAL_SERVER_ERROR') {
      const { response: _response, ...extensions } = formatted.extensions ?? {};
      const field = extensions.field ?? invalidVariableField(formatted.message);
      return { ...formatted, extensions: field ? { ...extensions, field } : extensions };
    }
    const known = options.recognise?.(unwrapResolverError(error));
    if (known) {
      logger.warn({ err: unwrapResolverError(error), path: formatted.path, code: known.extensions.code, requestId: requestIdOf(error) }, known.message);
      return { message: known.message, path: formatted.path, locations: formatted.locations, extensions: known.extensions };
    }
    // At the gateway, a subgraph's own internal error arrives with the subgraph's name: keep it, so
    // the caller (and whoever reads the log for its request id) knows which service to ask.
    const subgraph = typeof formatted.extensions?.serviceName === 'string' ? formatted.extensions.serviceName : undefined;
    logger.error({ err: unwrapResolverError(error), path: formatted.path, subgraph, requestId: requestIdOf(error) }, 'unexpected error');
    return {
      message: `Something went wrong ${subgraph ? `in the ${subgraph} subgraph` : 'on our side'}; the request id in the x-request-id header lets us find it`,
      path: formatted.path,
      locations: formatted.locations,
      extensions: subgraph ? { code: 'INTERNAL_SERVER_ERROR', subgraph } : { code: 'INTERNAL_SERVER_ERROR' },
    };
  };
}

/**
 * The input field a refused variable names, as our own validation names fields: graphql-js says
 * `Variable "$input" got invalid value "2026-02-30" at "input.startsOn"; …` when a value fails its
 * type (a Date that is no day, an unknown enum value) before any resolver runs.
 */
function invalidVariableField(message: string): string | undefined {
  const match = /^Variable "\$(\w+)" got invalid value .*?(?: at "([^"]+)")?; /s.exec(message);
  return match ? (match[2] ?? match[1]) : undefined;
}
