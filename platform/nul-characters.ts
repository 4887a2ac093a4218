import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError, Kind, visit, type ValueNode } from 'graphql';

/** Where in a value a string holds a NUL character, as a dotted path under `at`; undefined if none. */
function nulIn(value: unknown, at: string): string | undefined {
  if (typeof value === 'string') return value.includes('\u0000') ? at : undefined;
  if (Array.isArray(value)) return value.map((item, i) => nulIn(item, `${at}.${i}`)).find(Boolean);
  if (value && typeof value === 'object') {
    return Object.entries(value).map(([key, item]) => nulIn(key, at) ?? nulIn(item, `${at}.${key}`)).find(Boolean);
  }
  return undefined;
}

function nulInLiteral(node: ValueNode, at: string): string | undefined {
  if (node.kind === Kind.STRING) return nulIn(node.value, at);
  if (node.kind === Kind.LIST) return node.values.map((item, i) => nulInLiteral(item, `${at}.${i}`)).find(Boolean);
  if (node.kind === Kind.OBJECT) return node.fields.map((field) => nulInLiteral(field.value, `${at}.${field.name.value}`)).find(Boolean);
  return undefined;
}

/**
 * Refuses, naming the argument or variable, any string with a NUL character (U+0000): PostgreSQL
 * cannot store one in text, so it would otherwise fail deep in a query as INTERNAL_SERVER_ERROR.
 * It runs at every door (the gateway and each subgraph), on literals, variables, keys and cursors.
 */
export function refuseNulCharacters(): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ request, operation }) {
          let field = Object.entries(request.variables ?? {}).map(([name, value]) => nulIn(value, name)).find(Boolean);
          if (!field && operation) {
            visit(operation, {
              Argument(argument) {
                field ??= nulInLiteral(argument.value, argument.name.value);
              },
            });
          }
          if (field) {
            throw new GraphQLError(`${field} holds a NUL character (\\u0000), which no text field may hold`, {
              extensions: { code: 'BAD_USER_INPUT', field, http: { status: 400 } },
            });
          }
        },
      };
    },
  };
}
