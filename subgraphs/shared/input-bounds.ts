import type { ApolloServerPlugin } from '@apollo/server';
import {
  getNamedType,
  getNullableType,
  isInputObjectType,
  isListType,
  Kind,
  valueFromAST,
  type GraphQLError,
  type GraphQLInputField,
  type GraphQLInputType,
} from 'graphql';
import { badUserInput } from './errors';

/**
 * The most items a list input field takes, read from its description ("At most 200."): the
 * contract that documents the bound is also what enforces it, so the two cannot drift apart.
 */
export function listMaximum(field: GraphQLInputField): number | undefined {
  const match = /\bAt most (\d+)\b/.exec(field.description ?? '');
  return match ? Number(match[1]) : undefined;
}

/** The first list under `value` longer than its field allows, as a BAD_USER_INPUT naming it. */
function overBound(type: GraphQLInputType, value: unknown, at: string): GraphQLError | undefined {
  const nullable = getNullableType(type);
  if (isListType(nullable) && Array.isArray(value)) {
    // Only input objects hold lists of their own: a list of scalars (an _entities fetch's
    // representations) has nothing more to look into.
    if (!isInputObjectType(getNamedType(nullable))) return undefined;
    for (let i = 0; i < value.length; i++) {
      const inner = overBound(nullable.ofType, value[i], `${at}.${i}`);
      if (inner) return inner;
    }
    return undefined;
  }
  if (!isInputObjectType(nullable) || value === null || typeof value !== 'object') return undefined;
  for (const field of Object.values(nullable.getFields())) {
    const item = (value as Record<string, unknown>)[field.name];
    const maximum = listMaximum(field);
    if (maximum !== undefined && Array.isArray(item) && item.length > maximum) {
      return badUserInput(`${at}.${field.name} holds ${item.length} ${field.name}; send at most ${maximum}`, `${at}.${field.name}`);
    }
    const inner = overBound(field.type, item, `${at}.${field.name}`);
    if (inner) return inner;
  }
  return undefined;
}

/**
 * Refuses, before any resolver runs, an input whose list is longer than its documented maximum
 * (10,000 conditions on a trial, 5,000 visits in a protocol): one write must not store without bound.
 */
export function inputBounds(): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ operation, request, schema }) {
          const root = operation && schema.getRootType(operation.operation);
          for (const selection of operation?.selectionSet.selections ?? []) {
            if (selection.kind !== Kind.FIELD) continue;
            const field = root?.getFields()[selection.name.value];
            for (const argument of selection.arguments ?? []) {
              const definition = field?.args.find((candidate) => candidate.name === argument.name.value);
              if (!definition) continue;
              const value =
                argument.value.kind === Kind.VARIABLE
                  ? request.variables?.[argument.value.name.value]
                  : valueFromAST(argument.value, definition.type, request.variables);
              const error = overBound(definition.type, value, argument.name.value);
              if (error) {
                error.extensions.http = { status: 400 };
                throw error;
              }
            }
          }
        },
      };
    },
  };
}
