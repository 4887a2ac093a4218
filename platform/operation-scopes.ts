import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError } from 'graphql';
import type { Caller, Scope } from './identity';

/**
 * Queries (entity fetches included) need the token's `read` scope, mutations its `write` scope.
 * The gateway checks before planning, each subgraph again for callers who come to it directly.
 */
export function operationScopes(): ApolloServerPlugin<{ caller: Caller }> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ operation, contextValue }) {
          requireScope(contextValue.caller, operation?.operation === 'mutation' ? 'write' : 'read');
        },
      };
    },
  };
}

/** Throws unless the token grants the scope (`read` for queries, `write` for mutations). */
export function requireScope(caller: Caller, scope: Scope): void {
  if (!caller.scopes.includes(scope)) {
    throw new GraphQLError(`This token lacks the "${scope}" scope`, {
      extensions: { code: 'FORBIDDEN', rule: 'token-scope', http: { status: 403 } },
    });
  }
}
