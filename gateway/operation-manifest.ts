// The trusted-documents manifest: every operation of operations/*.graphql, by the SHA-256 of its
// body, in Apollo's persisted query manifest format, which Apollo Router (persisted_queries.local_manifests)
// and Hive Gateway read as well as our gateway (gateway/trusted-documents.ts).
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import {
  type DefinitionNode,
  type DocumentNode,
  type FragmentDefinitionNode,
  GraphQLError,
  type GraphQLSchema,
  Kind,
  NoUnusedFragmentsRule,
  type OperationDefinitionNode,
  parse,
  print,
  specifiedRules,
  validate,
  visit,
} from 'graphql';
import { PROJECT_ROOT } from '../platform/project-root';

export const OPERATIONS_FOLDER = resolve(PROJECT_ROOT, 'operations');
export const MANIFEST_FILE = resolve(OPERATIONS_FOLDER, 'manifest.json');

export interface ManifestOperation {
  /** SHA-256 of `body`, in hex: what a client sends as `extensions.persistedQuery.sha256Hash` or `documentId`. */
  id: string;
  name: string;
  type: 'query' | 'mutation' | 'subscription';
  /** The operation and the fragments it spreads, printed by graphql-js's `print`. */
  body: string;
}

export interface OperationManifest {
  format: 'apollo-persisted-query-manifest';
  version: 1;
  operations: ManifestOperation[];
}

/** A file's operation that cannot go in the manifest, named by file (relative to the project root). */
export interface ManifestProblem {
  file: string;
  operation?: string;
  message: string;
}

/** The id of an operation body: its SHA-256 in hex, as Apollo's automatic persisted queries hash a query. */
export function operationId(body: string): string {
  return createHash('sha256').update(body).digest('hex');
}

/** The .graphql files of a folder, in name order. */
export function operationFiles(folder = OPERATIONS_FOLDER): string[] {
  if (!existsSync(folder)) return [];
  return readdirSync(folder)
    .filter((name) => name.endsWith('.graphql'))
    .sort()
    .map((name) => resolve(folder, name));
}

/** The fragments an operation spreads, directly or through other fragments, in the file's order. */
function fragmentsUsedBy(operation: OperationDefinitionNode, fragments: FragmentDefinitionNode[]): FragmentDefinitionNode[] {
  const byName = new Map(fragments.map((fragment) => [fragment.name.value, fragment]));
  const used = new Set<string>();
  const pending: DefinitionNode[] = [operation];
  while (pending.length > 0) {
    visit(pending.pop()!, {
      FragmentSpread(spread) {
        const fragment = byName.get(spread.name.value);
        if (fragment && !used.has(fragment.name.value)) {
          used.add(fragment.name.value);
          pending.push(fragment);
        }
      },
    });
  }
  return fragments.filter((fragment) => used.has(fragment.name.value));
}

/** An operation's manifest body: it and the fragments it spreads, printed by graphql-js. */
export function operationBody(operation: OperationDefinitionNode, fragments: FragmentDefinitionNode[]): string {
  return print({ kind: Kind.DOCUMENT, definitions: [operation, ...fragmentsUsedBy(operation, fragments)] });
}

/**
 * The manifest body of the operation a request's text runs (the one `operationName` names, or the
 * only one), comments, spacing and unused fragments aside; undefined when the text is not GraphQL
 * or names no single operation.
 */
export function bodyOfText(text: string, operationName?: string): string | undefined {
  let document: DocumentNode;
  try {
    document = parse(text, { noLocation: true });
  } catch {
    return undefined;
  }
  const fragments = document.definitions.filter((definition): definition is FragmentDefinitionNode => definition.kind === Kind.FRAGMENT_DEFINITION);
  const operations = document.definitions.filter((definition): definition is OperationDefinitionNode => definition.kind === Kind.OPERATION_DEFINITION);
  const operation = operationName ? operations.find((candidate) => candidate.name?.value === operationName) : operations.length === 1 ? operations[0] : undefined;
  return operation ? operationBody(operation, fragments) : undefined;
}

// An operation validated with only the fragments it spreads is no fault of its own.
const OPERATION_RULES = specifiedRules.filter((rule) => rule !== NoUnusedFragmentsRule);

/**
 * The manifest of the operations in `files`, each validated against the API schema; problems name
 * the file and the operation: a syntax error, an anonymous operation, a validation error, a name
 * that two operations share (Apollo clients look an operation's id up by its name).
 */
export function buildManifest(files: string[], apiSchema: GraphQLSchema, root = PROJECT_ROOT): { manifest: OperationManifest; problems: ManifestProblem[] } {
  const problems: ManifestProblem[] = [];
  const operations: (ManifestOperation & { file: string })[] = [];
  for (const path of files) {
    const file = relative(root, path);
    let document: DocumentNode;
    try {
      document = parse(readFileSync(path, 'utf8'));
    } catch (error) {
      problems.push({ file, message: (error as GraphQLError).message });
      continue;
    }
    const fragments = document.definitions.filter((definition): definition is FragmentDefinitionNode => definition.kind === Kind.FRAGMENT_DEFINITION);
    const definitions = document.definitions.filter((definition): definition is OperationDefinitionNode => definition.kind === Kind.OPERATION_DEFINITION);
    if (definitions.length === 0) problems.push({ file, message: 'holds no operation' });
    for (const operation of definitions) {
      const name = operation.name?.value;
      if (!name) {
        problems.push({ file, message: 'an operation has no name: name it (query TrialsOfMySponsor { … })' });
        continue;
      }
      const own: DocumentNode = { kind: Kind.DOCUMENT, definitions: [operation, ...fragmentsUsedBy(operation, fragments)] };
      const errors = validate(apiSchema, own, OPERATION_RULES);
      for (const error of errors) problems.push({ file, operation: name, message: error.message });
      if (errors.length > 0) continue;
      const twin = operations.find((other) => other.name === name);
      if (twin) {
        problems.push({ file, operation: name, message: `the operation name ${name} is also used in ${twin.file}: operation names must be unique` });
        continue;
      }
      const body = operationBody(operation, fragments);
      operations.push({ id: operationId(body), name, type: operation.operation, body, file });
    }
  }
  operations.sort((a, b) => a.name.localeCompare(b.name));
  return {
    manifest: {
      format: 'apollo-persisted-query-manifest',
      version: 1,
      operations: operations.map(({ id, name, type, body }) => ({ id, name, type, body })),
    },
    problems,
  };
}

/** The manifest as the file holds it: two-space JSON and a final newline. */
export function printManifest(manifest: OperationManifest): string {
  return `${JSON.stringify(manifest, null, 2)}\n`;
}

/** Reads a manifest file, checking its format and that each id is its body's SHA-256. */
export function readManifest(file = MANIFEST_FILE): OperationManifest {
  const manifest = JSON.parse(readFileSync(file, 'utf8')) as OperationManifest;
  if (manifest?.format !== 'apollo-persisted-query-manifest' || manifest.version !== 1 || !Array.isArray(manifest.operations)) {
    throw new Error(`${file} is not an apollo-persisted-query-manifest of version 1`);
  }
  for (const operation of manifest.operations) {
    if (typeof operation.body !== 'string' || operation.id !== operationId(operation.body)) {
      throw new Error(`${file}: the operation ${operation.name} has an id that is not the SHA-256 of its body`);
    }
  }
  return manifest;
}

/** One line: `operations/x.graphql Name: message`. */
export function formatManifestProblem(problem: ManifestProblem): string {
  return `${problem.file}${problem.operation ? ` ${problem.operation}` : ''}: ${problem.message}`;
}
