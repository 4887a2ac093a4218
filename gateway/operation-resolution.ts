import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError, Kind } from 'graphql';

/**
 * Refuses with 400 a request whose operation cannot be told (several operations and no
 * `operationName`, or a name the document lacks), as a subgraph's graphql-js does: without it the
 * query planner is handed no operation and the gateway answers 500.
 */
export function operationResolution(): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ operation, document, request }) {
          if (operation) return;
          const named = document.definitions.filter((definition) => definition.kind === Kind.OPERATION_DEFINITION);
          const message = request.operationName
            ? `Unknown operation named "${request.operationName}".`
            : named.length > 1
              ? 'Must provide operation name if query contains multiple operations.'
              : 'Must provide an operation.';
          throw new GraphQLError(message, {
            extensions: { code: 'OPERATION_RESOLUTION_FAILURE', field: 'operationName', http: { status: 400 } },
          });
        },
      };
    },
  };
}
