import type { ApolloServerPlugin } from '@apollo/server';
import { requireScope } from './access';
import type { Caller } from './identity';

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
