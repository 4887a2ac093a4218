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

/**
 * True when a string anywhere in the value, keys included, holds a NUL character. Builds nothing:
 * nearly every request has none, and building each value's path on the way (nulIn) allocated as
 * much as a small fetch (every representation of an _entities fetch, measured under issue 12).
 */
function holdsNul(value: unknown): boolean {
  if (typeof value === 'string') return value.includes('\u0000');
  if (Array.isArray(value)) {
    for (const item of value) if (holdsNul(item)) return true;
    return false;
  }
  if (value && typeof value === 'object') {
    for (const key in value) {
      if (Object.hasOwn(value, key) && (key.includes('\u0000') || holdsNul((value as Record<string, unknown>)[key]))) return true;
    }
  }
  return false;
}

/**
 * False when the operation's text cannot hold a NUL character in a literal: a string value gets one
 * only from the character itself or from a \u escape, so text with neither needs no walk of its
 * arguments. Without the text (a document passed in by other means) the arguments are walked.
 */
const literalsMayHoldNul = (query: string | undefined) => query === undefined || query.includes('\\u') || query.includes('\u0000');

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
          let field = holdsNul(request.variables) ? Object.entries(request.variables ?? {}).map(([name, value]) => nulIn(value, name)).find(Boolean) : undefined;
          if (!field && operation && literalsMayHoldNul(request.query)) {
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
