// What a subgraph change does to the API clients see: the composed supergraph's API schema compared
// with the committed one (@graphql-inspector's diff), and the known operations that stop validating.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { Supergraph } from '@apollo/federation-internals';
import { diff } from '@graphql-inspector/core';
import {
  type DefinitionNode,
  type DocumentNode,
  type GraphQLSchema,
  Kind,
  NoUnusedFragmentsRule,
  parse,
  specifiedRules,
  validate,
} from 'graphql';
import { PROJECT_ROOT } from '../platform/project-root';
import type { CompositionProblem, SupergraphComposition } from './compose-supergraph';
import { readManifest } from './operation-manifest';

export type Criticality = 'BREAKING' | 'DANGEROUS' | 'NON_BREAKING';

export interface SchemaChange {
  criticality: Criticality;
  /** @graphql-inspector's change type, e.g. FIELD_REMOVED, ENUM_VALUE_ADDED. */
  type: string;
  /** The schema coordinate, e.g. Site.timezone or Query.sites.country. */
  path?: string;
  message: string;
}

export interface BrokenOperation {
  /** The file, relative to the project root. */
  file: string;
  operation: string;
  message: string;
}

/** safe: nothing a client sees breaks; dangerous: clients may behave differently (a new enum value); breaking: they fail. */
export type Verdict = 'safe' | 'dangerous' | 'breaking';

export interface SchemaCheck {
  composition: { errors: CompositionProblem[]; hints: CompositionProblem[] };
  changes: SchemaChange[];
  operations: BrokenOperation[];
  verdict: Verdict;
}

/** The schema clients see: the supergraph without federation's join and link machinery. */
export function apiSchemaOf(supergraphSdl: string): GraphQLSchema {
  return Supergraph.build(supergraphSdl).apiSchema().toGraphQLJSSchema();
}

const isOperationDocument = (document: DocumentNode) =>
  document.definitions.length > 0 &&
  document.definitions.every((definition) => definition.kind === Kind.OPERATION_DEFINITION || definition.kind === Kind.FRAGMENT_DEFINITION) &&
  document.definitions.some((definition) => definition.kind === Kind.OPERATION_DEFINITION);

function graphqlFiles(folder: string): string[] {
  if (!existsSync(folder)) return [];
  return readdirSync(folder)
    .filter((name) => name.endsWith('.graphql'))
    .sort()
    .map((name) => resolve(folder, name));
}

/**
 * The operations clients are known to send: the flagship queries in ../shared/queries (beside the
 * project), operations/*.graphql, the examples/*.graphql files that are operations (not SDL), and
 * the trusted-documents manifest, operations/manifest.json (what a production gateway runs).
 */
export function knownOperationFiles(root = PROJECT_ROOT): string[] {
  const manifest = resolve(root, 'operations', 'manifest.json');
  return [resolve(root, '..', 'shared', 'queries'), resolve(root, 'operations'), resolve(root, 'examples')]
    .flatMap(graphqlFiles)
    .filter((file) => {
      try {
        return isOperationDocument(parse(readFileSync(file, 'utf8')));
      } catch {
        return false;
      }
    })
    .concat(existsSync(manifest) ? [manifest] : []);
}

// An operation is validated with only the fragments it needs being no fault of its own.
const OPERATION_RULES = specifiedRules.filter((rule) => rule !== NoUnusedFragmentsRule);

/** Each operation of a file with the file's fragments, so a failure is named by its operation. */
function operationsOf(document: DocumentNode): { name: string; document: DocumentNode }[] {
  const fragments = document.definitions.filter((definition) => definition.kind === Kind.FRAGMENT_DEFINITION);
  return document.definitions
    .filter((definition): definition is DefinitionNode & { kind: Kind.OPERATION_DEFINITION } => definition.kind === Kind.OPERATION_DEFINITION)
    .map((operation) => ({
      name: operation.name?.value ?? '(anonymous)',
      document: { kind: Kind.DOCUMENT, definitions: [operation, ...fragments] },
    }));
}

/** A file's operations: a .graphql file's, or a manifest's (.json), each body with its fragments. */
function operationsOfFile(file: string): { name: string; document: DocumentNode }[] {
  if (file.endsWith('.json')) return readManifest(file).operations.map(({ name, body }) => ({ name, document: parse(body) }));
  return operationsOf(parse(readFileSync(file, 'utf8')));
}

/** The operations that validate against the baseline API and not against the new one, each failure once. */
export function operationsThatStopValidating(baseline: GraphQLSchema, candidate: GraphQLSchema, files: string[], root = PROJECT_ROOT): BrokenOperation[] {
  return files.flatMap((file) =>
    operationsOfFile(file)
      .filter(({ document }) => validate(baseline, document, OPERATION_RULES).length === 0)
      .flatMap(({ name, document }) =>
        validate(candidate, document, OPERATION_RULES).map((error) => ({ file: relative(root, file), operation: name, message: error.message })),
      ),
  );
}

function verdictOf(check: Omit<SchemaCheck, 'verdict'>): Verdict {
  if (check.composition.errors.length > 0 || check.operations.length > 0) return 'breaking';
  if (check.changes.some((change) => change.criticality === 'BREAKING')) return 'breaking';
  if (check.changes.some((change) => change.criticality === 'DANGEROUS')) return 'dangerous';
  return 'safe';
}

/** What the composed candidate does to clients, measured against the baseline supergraph SDL. */
export async function checkComposition(
  composition: SupergraphComposition,
  baselineSupergraph: string,
  operationFiles: string[] = knownOperationFiles(),
): Promise<SchemaCheck> {
  const { errors, hints } = composition;
  if (composition.supergraph === undefined) {
    return { composition: { errors, hints }, changes: [], operations: [], verdict: 'breaking' };
  }
  const baseline = apiSchemaOf(baselineSupergraph);
  const candidate = apiSchemaOf(composition.supergraph);
  const changes = (await diff(baseline, candidate)).map(
    (change): SchemaChange => ({
      criticality: change.criticality.level as Criticality,
      type: String(change.type),
      ...(change.path ? { path: change.path } : {}),
      message: change.message,
    }),
  );
  const result = { composition: { errors, hints }, changes, operations: operationsThatStopValidating(baseline, candidate, operationFiles) };
  return { ...result, verdict: verdictOf(result) };
}

/** One line: `BREAKING FIELD_REMOVED Site.timezone: Field 'timezone' was removed from object type 'Site'`. */
export function formatChange(change: SchemaChange): string {
  return `${change.criticality} ${change.type}${change.path ? ` ${change.path}` : ''}: ${change.message}`;
}

/** One line: `operation stops validating: ../shared/queries/x.graphql TrialOverview: Cannot query field …`. */
export function formatBrokenOperation(operation: BrokenOperation): string {
  return `operation stops validating: ${operation.file} ${operation.operation}: ${operation.message}`;
}
