import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError, Kind, valueFromASTUntyped, type GraphQLSchema } from 'graphql';
import { badUserInput } from './errors';

/** The top-level fields of each @key the type declares ("id", "nctId"): nested selections are not ours. */
function declaredKeyFields(schema: GraphQLSchema, typename: string): string[][] {
  const type = schema.getType(typename);
  const nodes = [type?.astNode, ...(type?.extensionASTNodes ?? [])];
  return nodes.flatMap((node) =>
    (node && 'directives' in node ? (node.directives ?? []) : [])
      .filter((directive) => directive.name.value === 'key')
      .map((directive) => directive.arguments?.find((argument) => argument.name.value === 'fields')?.value)
      .filter((value) => value?.kind === Kind.STRING)
      .map((value) => (value as { value: string }).value.replace(/\{[^}]*\}/g, ' ').trim().split(/\s+/)),
  );
}

const keyFieldsBySchema = new WeakMap<GraphQLSchema, Map<string, string[][]>>();

/**
 * declaredKeyFields, worked out once per schema and type: a fetch carries a representation per
 * entity (100 sites on a page), and reading the directives again for each was a tenth of what a
 * subgraph allocated for such a fetch (measured under issue 12).
 */
function keyFieldsOf(schema: GraphQLSchema, typename: string): string[][] {
  let byType = keyFieldsBySchema.get(schema);
  if (!byType) keyFieldsBySchema.set(schema, (byType = new Map()));
  let keys = byType.get(typename);
  if (!keys) {
    keys = declaredKeyFields(schema, typename);
    // Only the schema's own types are kept: a caller's made-up names would otherwise pile up.
    if (schema.getType(typename)) byType.set(typename, keys);
  }
  return keys;
}

/** The first problem with representation `i` of `list`: a field path and what is wrong, or undefined. */
function missingKey(schema: GraphQLSchema, representation: unknown, list: string, i: number): GraphQLError | undefined {
  const fields = (representation ?? {}) as Record<string, unknown>;
  const typename = fields.__typename;
  if (typeof typename !== 'string') return badUserInput(`${list}.${i} has no __typename`, `${list}.${i}.__typename`);
  const keys = keyFieldsOf(schema, typename);
  if (keys.length === 0) return badUserInput(`${list}.${i}: ${typename} is not an entity of this subgraph`, `${list}.${i}.__typename`);
  const complete = keys.some((key) => key.every((field) => fields[field] !== undefined && fields[field] !== null));
  if (complete) return undefined;
  const at = `${list}.${i}`;
  const names = keys.map((key) => key.join(' ')).join('" or "');
  return badUserInput(`${at} lacks its key: a ${typename} is found by "${names}"`, `${at}.${keys[0][0]}`);
}

/**
 * Refuses an `_entities` fetch whose representation lacks its type's key, naming it: without this
 * the reference resolver is handed `undefined` and answers INTERNAL_SERVER_ERROR.
 */
export function entityKeys(): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ operation, request, schema }) {
          for (const selection of operation?.selectionSet.selections ?? []) {
            if (selection.kind !== Kind.FIELD || selection.name.value !== '_entities') continue;
            const argument = selection.arguments?.find((candidate) => candidate.name.value === 'representations');
            if (!argument) continue;
            const [at, representations] =
              argument.value.kind === Kind.VARIABLE
                ? [argument.value.name.value, request.variables?.[argument.value.name.value]]
                : ['representations', valueFromASTUntyped(argument.value, request.variables)];
            if (!Array.isArray(representations)) continue;
            for (let i = 0; i < representations.length; i++) {
              const error = missingKey(schema, representations[i], at, i);
              if (!error) continue;
              error.extensions.http = { status: 400 };
              throw error;
            }
          }
        },
      };
    },
  };
}
