// What one operation may ask for, estimated before anything is fetched: the same plugin guards the
// gateway and every subgraph. Cost follows the GraphQL cost directives as Apollo Router's and Hive
// Router's demand control read them: a list's size is its slicing argument (`first`, a literal or a
// variable) or its declared `@listSize(assumedSize:)`, an object costs 1 (or its `@cost(weight:)`),
// a scalar 0, and the cost multiplies down the tree.
import type { ApolloServerPlugin } from '@apollo/server';
import type { NextFunction, Request, Response } from 'express';
import {
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  getArgumentValues,
  getNamedType,
  getNullableType,
  type GraphQLCompositeType,
  GraphQLError,
  type GraphQLSchema,
  isCompositeType,
  isInterfaceType,
  isObjectType,
  isListType,
  Kind,
  Lexer,
  type OperationDefinitionNode,
  type SelectionSetNode,
  getVariableValues,
  Source,
  TokenKind,
  valueFromASTUntyped,
} from 'graphql';

export interface OperationLimitOptions {
  /**
   * Highest estimated cost of one operation. Default 50000: the flagship operations cost at most
   * about 7200 as written (SitesInCountry, 20 sites each with its trials and monitoring visits) and
   * 36000 with a full page of 100 sites; a page of 100 trials with their sites and CROs about 5200.
   * A chain that multiplies lists of lists (a CRO's engagements' CROs' engagements …) costs millions.
   */
  maxCost?: number;
  /** Deepest path, counted in fields with fragments flattened. Default 10 (the flagships reach 7). */
  maxDepth?: number;
  /** Aliased fields per operation, fragments flattened. Default 15: aliases repeat an expensive field. */
  maxAliases?: number;
  /** Lexical tokens per document, counted before parsing. Default 2000. */
  maxTokens?: number;
  /** Largest `first` any list takes. Default 100; over it, or negative, is BAD_USER_INPUT on `first`. */
  maxPageSize?: number;
  /**
   * Size assumed for a list of objects that declares no `@listSize`. Default 10. The lists that
   * fan out (a site's trials, a CRO's engagements) declare theirs in the SDL.
   */
  defaultListSize?: number;
  /**
   * Adds `extensions.cost` (the estimate, the depth, the aliases and their limits) to every answer,
   * so a client sees how close an operation is before it is refused. Default false; the gateway
   * turns it on outside production (platform/config.ts).
   */
  reportCost?: boolean;
}

/** What `extensions.cost` tells a client about its operation, beside the limits it must stay within. */
export interface CostReport {
  estimated: number;
  limit: number;
  depth: { measured: number; limit: number };
  aliases: { measured: number; limit: number };
}

/** How a field is sized and weighed, read from `@listSize` and `@cost` in the SDL. */
interface FieldCostDirectives {
  weight?: number;
  assumedSize?: number;
  slicingArguments?: string[];
  sizedFields?: string[];
}

/**
 * A list's size per parent and where it comes from: a slicing argument (`first`), `representations`,
 * `@listSize(assumedSize)`, the default list size, or the largest page. `written` is the field
 * that sets it as the operation wrote it (`trials(first: 100)`): a connection's, for its edges.
 */
interface ListSize {
  value: number;
  from: string;
  written: string;
}

/** Where the cost of an operation comes from: one field on the most expensive path. */
interface CostNode {
  cost: number;
  path: string;
  /** How many times this field is repeated per parent, and why. */
  size?: ListSize;
  heaviest?: CostNode;
}

export const DEFAULT_OPERATION_LIMITS: Required<OperationLimitOptions> = {
  maxCost: 50000,
  maxDepth: 10,
  maxAliases: 15,
  maxTokens: 2000,
  maxPageSize: 100,
  defaultListSize: 10,
  reportCost: false,
};

/** Mutations cost 10 at their root field, as in Apollo's demand control: each one writes. */
const MUTATION_WEIGHT = 10;

/** Fields visited while estimating, fragments expanded; past it the operation is refused as too large. */
const MAX_EXPANDED_FIELDS = 20000;

function refusal(code: string, message: string, extensions: Record<string, unknown>): GraphQLError {
  return new GraphQLError(message, { extensions: { code, ...extensions, http: { status: 400 } } });
}

/**
 * The `@cost` and `@listSize` applications in an SDL (a subgraph's or the supergraph), by
 * `Type.field`. A supergraph may carry them under a prefix (`@cost__listSize`) when not imported.
 */
export function costDirectivesOf(typeDefs: DocumentNode): Map<string, FieldCostDirectives> {
  const directives = new Map<string, FieldCostDirectives>();
  for (const definition of typeDefs.definitions) {
    if (!('fields' in definition) || !definition.fields || !('name' in definition)) continue;
    for (const field of definition.fields) {
      const entry: FieldCostDirectives = {};
      for (const directive of field.directives ?? []) {
        const name = directive.name.value.replace(/^cost__/, '');
        const args = Object.fromEntries(
          (directive.arguments ?? []).map((arg) => [arg.name.value, valueFromASTUntyped(arg.value)]),
        );
        if (name === 'cost') entry.weight = Number(args.weight);
        if (name === 'listSize') {
          if (args.assumedSize !== undefined) entry.assumedSize = Number(args.assumedSize);
          if (args.slicingArguments) entry.slicingArguments = args.slicingArguments as string[];
          if (args.sizedFields) entry.sizedFields = args.sizedFields as string[];
        }
      }
      if (Object.keys(entry).length > 0) directives.set(`${definition.name!.value}.${field.name.value}`, entry);
    }
  }
  return directives;
}

/** Counts a document's tokens without parsing it, stopping one past the limit. */
export function countTokens(source: string, limit: number): number {
  const lexer = new Lexer(new Source(source));
  let count = 0;
  try {
    while (count <= limit && lexer.advance().kind !== TokenKind.EOF) count += 1;
  } catch {
    // A lexical error is the parser's to report, with its location.
  }
  return count;
}

/**
 * The fields under a selection set by type in scope and response key, fragments flattened and
 * fields of one key merged. A fragment on another type (`... on Site` under `_entities`) keeps its
 * own type: summing every type's fields over-estimates an abstract field, never under-estimates it.
 */
function collectFields(
  selectionSet: SelectionSetNode,
  typeName: string,
  fragments: Record<string, FragmentDefinitionNode>,
  budget: { fieldsLeft: number },
  fields = new Map<string, { typeName: string; nodes: FieldNode[] }>(),
): Map<string, { typeName: string; nodes: FieldNode[] }> {
  for (const selection of selectionSet.selections) {
    if (selection.kind === Kind.FIELD) {
      // Every field node a fragment brings counts, merged or not: fragments spreading a fragment
      // twice, level after level, grow exponentially while the document stays small.
      if ((budget.fieldsLeft -= 1) < 0) {
        throw refusal(
          'COST_LIMIT_EXCEEDED',
          `This operation expands to more than ${MAX_EXPANDED_FIELDS} fields once its fragments are flattened. Spread each fragment fewer times.`,
          { limit: MAX_EXPANDED_FIELDS },
        );
      }
      const key = `${typeName}.${selection.alias?.value ?? selection.name.value}`;
      // Pushed, not copied: copying the list per node made 20000 spreads of one field take 27 s.
      const merged = fields.get(key);
      if (merged) merged.nodes.push(selection);
      else fields.set(key, { typeName, nodes: [selection] });
    } else if (selection.kind === Kind.INLINE_FRAGMENT) {
      collectFields(selection.selectionSet, selection.typeCondition?.name.value ?? typeName, fragments, budget, fields);
    } else {
      const fragment = fragments[selection.name.value];
      if (fragment) collectFields(fragment.selectionSet, fragment.typeCondition.name.value, fragments, budget, fields);
    }
  }
  return fields;
}

function mergedSelectionSet(nodes: FieldNode[]): SelectionSetNode | undefined {
  const selections = nodes.flatMap((node) => node.selectionSet?.selections ?? []);
  return selections.length > 0 ? { kind: Kind.SELECTION_SET, selections } : undefined;
}

interface Measure {
  depth: number;
  aliases: number;
  root: CostNode;
}

/**
 * Measures an operation: its estimated cost with the most expensive path, its depth in fields and
 * its aliases, fragments flattened. Throws BAD_USER_INPUT for a `first` out of range on the way.
 */
export function measureOperation(
  schema: GraphQLSchema,
  operation: OperationDefinitionNode,
  fragments: Record<string, FragmentDefinitionNode>,
  variables: Record<string, unknown>,
  directives: Map<string, FieldCostDirectives>,
  options: Required<OperationLimitOptions>,
): Measure {
  let depth = 0;
  let aliases = 0;
  const budget = { fieldsLeft: MAX_EXPANDED_FIELDS };

  function measure(
    parentType: GraphQLCompositeType,
    selectionSet: SelectionSetNode,
    path: string,
    level: number,
    sizedByParent: { names: string[]; size: number; from: string; written: string } | undefined,
  ): CostNode {
    const node: CostNode = { cost: 0, path };
    for (const { typeName, nodes: fieldNodes } of collectFields(selectionSet, parentType.name, fragments, budget).values()) {
      const fieldNode = fieldNodes[0];
      const responseKey = fieldNode.alias?.value ?? fieldNode.name.value;
      const scopeType = schema.getType(typeName);
      if (!isObjectType(scopeType) && !isInterfaceType(scopeType)) continue;
      const name = fieldNode.name.value;
      // Introspection is bounded by the schema, and graphql-js limits its own depth.
      if (name.startsWith('__')) continue;
      if (fieldNode.alias) aliases += 1;
      depth = Math.max(depth, level);
      const field = scopeType.getFields()[name];
      if (!field) continue; // a field the schema lacks is validation's to report
      const fieldPath = path ? `${path}.${responseKey}` : responseKey;
      const declared = directives.get(`${typeName}.${name}`) ?? {};
      const args = getArgumentValues(field, fieldNode, variables);
      for (const [argument, value] of Object.entries(args)) {
        if (argument === 'first' && typeof value === 'number' && (value < 0 || value > options.maxPageSize)) {
          throw new GraphQLError(`first must be between 0 and ${options.maxPageSize}, got ${value} (at ${fieldPath})`, {
            nodes: [fieldNode],
            extensions: { code: 'BAD_USER_INPUT', field: 'first', http: { status: 400 } },
          });
        }
      }

      // How many of this field per parent: its slicing argument, or the size its parent's
      // @listSize(sizedFields:) hands down (a connection's edges), or its assumed size.
      let size: CostNode['size'];
      const slicing = declared.slicingArguments?.find((argument) => typeof args[argument] === 'number');
      const written = slicing ? `${fieldPath}(${slicing}: ${args[slicing] as number})` : fieldPath;
      if (sizedByParent?.names.includes(name)) {
        size = { value: sizedByParent.size, from: sizedByParent.from, written: sizedByParent.written };
      } else if (name === '_entities' && Array.isArray(args.representations)) {
        size = { value: args.representations.length, from: 'representations', written: fieldPath };
      } else if (isListType(getNullableType(field.type)) && slicing && !declared.sizedFields) {
        size = { value: args[slicing] as number, from: slicing, written };
      } else if (isListType(getNullableType(field.type))) {
        const assumed = declared.assumedSize ?? options.defaultListSize;
        size = { value: assumed, from: declared.assumedSize === undefined ? 'default list size' : '@listSize(assumedSize)', written };
      }
      const handedDown = declared.sizedFields
        ? {
            names: declared.sizedFields,
            // `first: null` pages by the resolver's default; the largest page is the safe estimate.
            size: slicing ? (args[slicing] as number) : (declared.assumedSize ?? options.maxPageSize),
            from: slicing ?? (declared.assumedSize === undefined ? 'largest page' : '@listSize(assumedSize)'),
            written,
          }
        : undefined;

      const namedType = getNamedType(field.type);
      const isRootMutation = level === 1 && operation.operation === 'mutation';
      const weight = declared.weight ?? (isRootMutation ? MUTATION_WEIGHT : isCompositeType(namedType) ? 1 : 0);
      const selection = mergedSelectionSet(fieldNodes);
      const child =
        selection && isCompositeType(namedType) ? measure(namedType, selection, fieldPath, level + 1, handedDown) : undefined;
      const cost = (weight + (child?.cost ?? 0)) * (size?.value ?? 1);
      const entry: CostNode = { cost, path: fieldPath, size, heaviest: child?.heaviest };
      node.cost += cost;
      // Leaves cost nothing: the path to report ends at the last field that adds to the cost.
      if (cost > 0 && (!node.heaviest || cost > node.heaviest.cost)) node.heaviest = entry;
    }
    return node;
  }

  const rootType = schema.getRootType(operation.operation);
  const root = rootType ? measure(rootType, operation.selectionSet, '', 1, undefined) : { cost: 0, path: '' };
  return { depth, aliases, root };
}

/** A list on the most expensive path, and its size per parent. */
interface Multiplier extends ListSize {
  path: string;
}

/** The most expensive path, from the root down, and the lists along it that multiply its cost. */
function heaviestPath(root: CostNode): { path: string; multipliers: Multiplier[] } {
  const multipliers: Multiplier[] = [];
  let node = root.heaviest;
  let path = '';
  while (node) {
    path = node.path;
    if (node.size && node.size.value !== 1) multipliers.push({ path: node.path, ...node.size });
    node = node.heaviest;
  }
  return { path, multipliers };
}

/** What a client can change about one list that multiplies the cost. */
function remedy({ from }: Multiplier): string {
  if (from === 'representations') return 'send fewer representations';
  if (from === 'largest page') return 'give first a value: left null it counts as the largest page';
  if (from === '@listSize(assumedSize)' || from === 'default list size') {
    return 'ask for fewer fields under it, or ask for it on fewer parents';
  }
  return `lower ${from}, or ask for fewer fields under it`;
}

/**
 * The refusal's advice: each list along the most expensive path, largest first, with how many
 * times it repeats what is under it, why the gateway counts that many, and what to change.
 */
function costAdvice(multipliers: Multiplier[]): string {
  if (multipliers.length === 0) return 'ask for fewer fields.';
  return (
    [...multipliers]
      .sort((a, b) => b.value - a.value)
      .map((list) => {
        const why = list.from === '@listSize(assumedSize)' ? ' (the size its @listSize declares)' : list.from === 'default list size' ? ' (the size assumed for a list that declares none)' : '';
        return `${list.written} ×${list.value} repeats everything under it ${list.value} times${why}: ${remedy(list)}`;
      })
      .join('; ') + '.'
  );
}

/**
 * What a request's variables can change in its measure, and nothing else: a number can be a page
 * size (`first`), a list's length is how many representations `_entities` is asked for; of any other
 * value only its kind. Only the operation's own variables count (their names are GraphQL names, so
 * the shape reads one way only): a key the operation does not declare changes nothing it measures.
 */
function variablesShape(operation: OperationDefinitionNode, variables: Record<string, unknown>): string {
  let shape = '';
  for (const definition of operation.variableDefinitions ?? []) {
    const name = definition.variable.name.value;
    const value = Object.hasOwn(variables, name) ? variables[name] : undefined;
    const kind = typeof value === 'number' ? String(value) : Array.isArray(value) ? `[${value.length}]` : value === null ? 'null' : typeof value;
    shape += `${name}:${kind},`;
  }
  return shape;
}

/** At most this many measures are kept per operation: one per page size or representations count asked. */
const SHAPES_PER_OPERATION = 128;

/**
 * Measures remembered per operation (a parsed document is reused for the same text, so the same
 * operation node) and variables' shape: the gateway's fetches reach each subgraph with the same
 * documents request after request, and only the representations change. Measured again when the
 * schema's cost directives change (a new supergraph). Only a measure that was made is kept: one
 * that threw (`first` out of range) or whose variables did not coerce is made again next time, so
 * values that fail once never let the same operation through unmeasured later.
 */
function measurements() {
  const byOperation = new WeakMap<OperationDefinitionNode, { directives: Map<string, FieldCostDirectives>; byShape: Map<string, Measure> }>();
  return (
    operation: OperationDefinitionNode,
    directives: Map<string, FieldCostDirectives>,
    variables: Record<string, unknown>,
    measure: (directives: Map<string, FieldCostDirectives>) => Measure | null,
  ): Measure | null => {
    let kept = byOperation.get(operation);
    if (!kept || kept.directives !== directives) byOperation.set(operation, (kept = { directives, byShape: new Map() }));
    const shape = variablesShape(operation, variables);
    const known = kept.byShape.get(shape);
    if (known) return known;
    const measured = measure(directives);
    if (!measured) return null;
    if (kept.byShape.size >= SHAPES_PER_OPERATION) kept.byShape.clear();
    kept.byShape.set(shape, measured);
    return measured;
  };
}

export interface OperationLimits<TContext extends object> {
  /** Measures each operation once it is parsed and its variables known, before anything runs. */
  plugin: ApolloServerPlugin<TContext>;
  /**
   * Express middleware that counts the document's tokens before Apollo parses it: a document of a
   * million tokens costs to parse whatever it asks for. It answers the refusal itself because
   * Apollo turns an error thrown before parsing (didResolveSource) into a 500.
   */
  tokenLimit(req: Request, res: Response, next: NextFunction): void;
}

/**
 * The limits for one server. `typeDefs` is the SDL the server answers for (a subgraph's, or the
 * supergraph at the gateway, which may change while it runs: then a function giving the current
 * one): its `@listSize` and `@cost` size the lists. Each refusal is HTTP 400
 * with a code of its own, the measured value, the limit and what to reduce; a `first` out of range
 * is BAD_USER_INPUT on `first`.
 */
export function operationLimits<TContext extends object>(
  typeDefs: DocumentNode | (() => DocumentNode),
  options: OperationLimitOptions = {},
): OperationLimits<TContext> {
  const limits = { ...DEFAULT_OPERATION_LIMITS, ...options };
  const read = new WeakMap<DocumentNode, Map<string, FieldCostDirectives>>();
  const remembered = measurements();
  const currentDirectives = () => {
    const document = typeof typeDefs === 'function' ? typeDefs() : typeDefs;
    let directives = read.get(document);
    if (!directives) read.set(document, (directives = costDirectivesOf(document)));
    return directives;
  };
  return {
    tokenLimit(req, res, next) {
      const body = req.body as { query?: unknown } | undefined;
      const query = typeof body?.query === 'string' ? body.query : req.query?.query;
      const tokens = typeof query === 'string' ? countTokens(query, limits.maxTokens) : 0;
      if (tokens <= limits.maxTokens) return next();
      res.status(400).json({
        errors: [
          {
            message: `This document has more than ${limits.maxTokens} tokens, the limit. Ask for fewer fields, or split it into several operations.`,
            extensions: { code: 'TOKEN_LIMIT_EXCEEDED', measured: tokens, limit: limits.maxTokens },
          },
        ],
      });
    },
    plugin: {
      async requestDidStart() {
        let report: CostReport | undefined;
        return {
          async didResolveOperation({ schema, document, operation, request }) {
            if (!operation) return;
            const measured = remembered(operation, currentDirectives(), request.variables ?? {}, (directives) => {
              const fragments = Object.fromEntries(
                document.definitions
                  .filter((definition): definition is FragmentDefinitionNode => definition.kind === Kind.FRAGMENT_DEFINITION)
                  .map((fragment) => [fragment.name.value, fragment]),
              );
              const coerced = getVariableValues(schema, operation.variableDefinitions ?? [], request.variables ?? {});
              // Variables that do not fit their types are execution's to refuse, naming them.
              if (coerced.errors) return null;
              return measureOperation(schema, operation, fragments, coerced.coerced, directives, limits);
            });
            if (!measured) return;
            const { depth, aliases, root } = measured;
            report = {
              estimated: root.cost,
              limit: limits.maxCost,
              depth: { measured: depth, limit: limits.maxDepth },
              aliases: { measured: aliases, limit: limits.maxAliases },
            };
            if (depth > limits.maxDepth) {
              throw refusal(
                'DEPTH_LIMIT_EXCEEDED',
                `This operation's depth is ${depth} fields, over the limit of ${limits.maxDepth}. Ask for fewer nested levels.`,
                { measured: depth, limit: limits.maxDepth },
              );
            }
            if (aliases > limits.maxAliases) {
              throw refusal(
                'ALIAS_LIMIT_EXCEEDED',
                `This operation uses ${aliases} aliases, over the limit of ${limits.maxAliases}. Ask for fewer aliased fields: one list paged with first and after instead of many copies.`,
                { measured: aliases, limit: limits.maxAliases },
              );
            }
            if (root.cost > limits.maxCost) {
              const { path, multipliers } = heaviestPath(root);
              throw refusal(
                'COST_LIMIT_EXCEEDED',
                `This operation's estimated cost is ${root.cost}, over the limit of ${limits.maxCost}. ` +
                  `Most of it is along ${path}, where ${costAdvice(multipliers)}`,
                {
                  measured: root.cost,
                  limit: limits.maxCost,
                  mostExpensivePath: path,
                  lists: multipliers.map(({ path: listPath, value, from }) => ({ path: listPath, size: value, from })),
                },
              );
            }
          },
          async willSendResponse({ response }) {
            // Refused or not: a refused operation's author wants the numbers most.
            if (!limits.reportCost || !report || response.body.kind !== 'single') return;
            const { singleResult } = response.body;
            singleResult.extensions = { ...singleResult.extensions, cost: report };
          },
        };
      },
    },
  };
}
