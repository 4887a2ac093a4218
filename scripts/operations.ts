// npm run operations [-- --check] [--supergraph <file>] [--operations <folder>] [--output <file>]
// Builds the trusted-documents manifest, operations/manifest.json, from operations/*.graphql: each
// operation validated against the API schema of the supergraph (schema/supergraph.graphql), by the
// SHA-256 of its body. With --check says whether the committed manifest is what it would write.
// Exit 0 written or up to date, 1 an operation is invalid or the manifest differs, 2 bad input.
import { existsSync, readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { parseArgs } from 'node:util';
import { replaceFile, runCommand } from './cli';
import { fromInvocationFolder, SUPERGRAPH_FILE } from '../gateway/compose-supergraph';
import { buildManifest, formatManifestProblem, MANIFEST_FILE, operationFiles, OPERATIONS_FOLDER, printManifest } from '../gateway/operation-manifest';
import { apiSchemaOf } from '../gateway/schema-check';
import { PROJECT_ROOT } from '../platform/project-root';

const USAGE = 'usage: npm run operations -- [--check] [--supergraph <file>] [--operations <folder>] [--output <file>]';

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      check: { type: 'boolean', default: false },
      supergraph: { type: 'string' },
      operations: { type: 'string' },
      output: { type: 'string' },
    },
    strict: true,
    allowPositionals: false,
  });
  const supergraph = values.supergraph ? fromInvocationFolder(values.supergraph) : SUPERGRAPH_FILE;
  const output = values.output ? fromInvocationFolder(values.output) : MANIFEST_FILE;
  const files = operationFiles(values.operations ? fromInvocationFolder(values.operations) : OPERATIONS_FOLDER);
  const { manifest, problems } = buildManifest(files, apiSchemaOf(readFileSync(supergraph, 'utf8')));
  const shown = relative(PROJECT_ROOT, output);
  if (problems.length > 0) {
    for (const problem of problems) process.stderr.write(`error ${formatManifestProblem(problem)}\n`);
    process.stderr.write(`${problems.length} operation problem(s): ${shown} not written\n`);
    return 1;
  }
  const printed = printManifest(manifest);
  const count = `${manifest.operations.length} operations from ${files.length} files`;
  if (values.check) {
    const committed = existsSync(output) ? readFileSync(output, 'utf8') : undefined;
    if (committed === printed) {
      process.stdout.write(`${shown} is up to date (${count})\n`);
      return 0;
    }
    process.stderr.write(`${shown} ${committed === undefined ? 'does not exist' : 'differs from what the operations give'}: run npm run operations to write it\n`);
    return 1;
  }
  replaceFile(output, printed);
  process.stdout.write(`wrote ${shown} (${count})\n`);
  return 0;
}

runCommand(main, USAGE);
