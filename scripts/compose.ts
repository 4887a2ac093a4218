// npm run compose [-- --check] [--config <yaml>] [--output <file>] [--subgraph <name>=<url>]... [--without <name>]... [--token T]
// Composes the subgraphs of schema/supergraph.yaml (each from its SDL file or, with schema.subgraph_url
// or --subgraph, from the running subgraph's `_service { sdl }`) and writes schema/supergraph.graphql,
// or with --check says whether that file is what composition gives today.
// Exit 0 written or up to date, 1 composition failed or the file differs, 2 bad input.
import { existsSync, readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { parseArgs } from 'node:util';
import { replaceFile, runCommand } from './cli';
import {
  composeSubgraphs,
  formatCompositionProblem,
  fromInvocationFolder,
  loadSubgraphDefinitions,
  readSupergraphConfig,
  SUPERGRAPH_CONFIG,
  SUPERGRAPH_FILE,
  subgraphFlag,
  withoutSubgraph,
  withSubgraph,
} from '../gateway/compose-supergraph';

const USAGE =
  'usage: npm run compose -- [--check] [--config <yaml>] [--output <file>] [--subgraph <name>=<url>]... [--without <name>]... [--token <jwt>]';

const shown = (file: string) => relative(process.env.INIT_CWD || process.cwd(), file) || file;

function firstDifferentLine(a: string, b: string): number {
  const left = a.split('\n');
  const right = b.split('\n');
  let line = 0;
  while (line < left.length && left[line] === right[line]) line++;
  return line + 1;
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      check: { type: 'boolean', default: false },
      config: { type: 'string' },
      output: { type: 'string' },
      subgraph: { type: 'string', multiple: true, default: [] },
      without: { type: 'string', multiple: true, default: [] },
      token: { type: 'string' },
    },
    strict: true,
    allowPositionals: false,
  });
  const output = values.output ? fromInvocationFolder(values.output) : SUPERGRAPH_FILE;
  let entries = readSupergraphConfig(values.config ? fromInvocationFolder(values.config) : SUPERGRAPH_CONFIG);
  for (const name of values.without!) entries = withoutSubgraph(entries, name);
  for (const flag of values.subgraph!) entries = withSubgraph(entries, subgraphFlag(flag));

  const definitions = await loadSubgraphDefinitions(entries, {
    token: values.token,
    onProgress: (line) => process.stderr.write(`${line}\n`),
  });
  const composition = composeSubgraphs(definitions);
  for (const hint of composition.hints) process.stderr.write(`hint ${formatCompositionProblem(hint)}\n`);
  if (composition.supergraph === undefined) {
    for (const error of composition.errors) process.stderr.write(`error ${formatCompositionProblem(error)}\n`);
    process.stderr.write(`composition failed: ${composition.errors.length} error(s), nothing written\n`);
    return 1;
  }
  const names = definitions.map(({ name }) => name).join(', ');
  if (values.check) {
    const committed = existsSync(output) ? readFileSync(output, 'utf8') : undefined;
    if (committed === composition.supergraph) {
      process.stdout.write(`${shown(output)} is up to date (${names})\n`);
      return 0;
    }
    const why = committed === undefined ? 'does not exist' : `differs from what composition gives (first at line ${firstDifferentLine(committed, composition.supergraph)})`;
    process.stderr.write(`${shown(output)} ${why}: run npm run compose to write it\n`);
    return 1;
  }
  replaceFile(output, composition.supergraph);
  process.stdout.write(`wrote ${shown(output)} (${names})\n`);
  return 0;
}

runCommand(main, USAGE);
