// npm run check -- --name <subgraph> (--schema <file> | --url <url>) [--json] [--verbose] [--fail-on-dangerous] [--token T]
//                  [--config <yaml>] [--subgraph <name>=<url>]... [--without <name>]... [--against <supergraph file>]
// Composes a candidate subgraph (replacing the one of that name, or added beside the others) and says
// what it would do to clients, against the supergraph they are served (the committed
// schema/supergraph.graphql, or --against the file a gateway serves, partners included): composition errors,
// breaking and dangerous changes to the API schema, and known operations that would stop validating.
// Exit 0 safe (dangerous changes are printed but pass unless --fail-on-dangerous), 1 it breaks, 2 bad input
// (with --json, a document saying so on stdout too).
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { runCommand } from './cli';
import {
  composeSubgraphs,
  ComposeInputError,
  formatCompositionProblem,
  fromInvocationFolder,
  loadSubgraphDefinitions,
  readSupergraphConfig,
  subgraphAtUrl,
  subgraphFlag,
  SUPERGRAPH_CONFIG,
  SUPERGRAPH_FILE,
  type SubgraphEntry,
  utf8Text,
  withSubgraph,
  withoutSubgraph,
} from '../gateway/compose-supergraph';
import { apiSchemaOf, checkComposition, formatBrokenOperation, formatChange } from '../gateway/schema-check';
import { readSupergraph } from '../gateway/supergraph-source';

const USAGE =
  'usage: npm run check -- --name <subgraph> (--schema <file> | --url <url>) [--json] [--verbose] [--fail-on-dangerous] [--token <jwt>] [--config <yaml>] [--subgraph <name>=<url>]... [--without <name>]... [--against <supergraph file>]';

function candidateEntry(name: string, schema: string | undefined, url: string | undefined, current: SubgraphEntry[]): SubgraphEntry {
  if (!/^[A-Za-z_][\w-]*$/.test(name)) throw new ComposeInputError(`--name ${JSON.stringify(name)}: a subgraph name is letters, digits, _ and -`);
  if ((schema === undefined) === (url === undefined)) throw new ComposeInputError('give the candidate as --schema <file> or --url <url>, one of the two');
  if (url !== undefined) return subgraphAtUrl(name, url);
  // Where it is routed does not change the API; keep the current routing URL when replacing.
  const routingUrl = current.find((entry) => entry.name === name)?.routingUrl ?? `http://${name}.candidate.invalid/graphql`;
  return { name, routingUrl, schema: { file: fromInvocationFolder(schema!) } };
}

/** The supergraph clients are served, or bad input naming the file: one that cannot be read, or is no composed supergraph. */
function readBaseline(file: string): string {
  let sdl: string;
  try {
    sdl = utf8Text(readFileSync(file), `the baseline ${file} is`);
  } catch (error) {
    if (error instanceof ComposeInputError) throw error;
    throw new ComposeInputError(`cannot read the baseline ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
  try {
    apiSchemaOf(sdl);
  } catch (error) {
    throw new ComposeInputError(`the baseline ${file} is not a composed supergraph: ${(error as Error).message.split('\n')[0].replace(/\.+ Caused by:$/, '')}`);
  }
  return sdl;
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      name: { type: 'string' },
      schema: { type: 'string' },
      url: { type: 'string' },
      json: { type: 'boolean', default: false },
      verbose: { type: 'boolean', default: false },
      'fail-on-dangerous': { type: 'boolean', default: false },
      token: { type: 'string' },
      config: { type: 'string' },
      // The other subgraphs as the served supergraph was composed (npm run compose's flags), and that supergraph.
      subgraph: { type: 'string', multiple: true, default: [] },
      without: { type: 'string', multiple: true, default: [] },
      against: { type: 'string' },
    },
    strict: true,
    allowPositionals: false,
  });
  if (!values.name) throw new ComposeInputError('--name is required: the subgraph the candidate replaces or adds');
  let current = readSupergraphConfig(values.config ? fromInvocationFolder(values.config) : SUPERGRAPH_CONFIG);
  for (const name of values.without!) current = withoutSubgraph(current, name);
  for (const flag of values.subgraph!) current = withSubgraph(current, subgraphFlag(flag));
  const entries = withSubgraph(current, candidateEntry(values.name, values.schema, values.url, current));
  const baseline = readBaseline(values.against ? fromInvocationFolder(values.against) : SUPERGRAPH_FILE);
  const progress = (line: string) => {
    if (!values.json) process.stderr.write(`${line}\n`);
  };
  // A served supergraph composed with a partner this check leaves out shows all its fields as removed.
  const missing = Object.keys(readSupergraph(baseline).subgraphs).filter((name) => !entries.some((entry) => entry.name === name));
  for (const name of missing) {
    progress(`the baseline was composed with subgraph ${name}, which this check leaves out: name it as npm run compose did (--subgraph ${name}=<url>)`);
  }
  const definitions = await loadSubgraphDefinitions(entries, { token: values.token, onProgress: progress });
  const check = await checkComposition(composeSubgraphs(definitions), baseline);
  const fails = check.verdict === 'breaking' || (check.verdict === 'dangerous' && values['fail-on-dangerous']);

  if (values.json) {
    process.stdout.write(`${JSON.stringify(check, null, 2)}\n`);
    return fails ? 1 : 0;
  }
  const lines = [
    ...check.composition.errors.map((error) => `composition error ${formatCompositionProblem(error)}`),
    ...check.composition.hints.map((hint) => `hint ${formatCompositionProblem(hint)}`),
    ...check.changes.filter((change) => values.verbose || change.criticality !== 'NON_BREAKING').map(formatChange),
    ...check.operations.map(formatBrokenOperation),
  ];
  for (const line of lines) process.stdout.write(`${line}\n`);
  const count = (criticality: string) => check.changes.filter((change) => change.criticality === criticality).length;
  const summary =
    check.composition.errors.length > 0
      ? `${check.composition.errors.length} composition error(s)`
      : `${count('BREAKING')} breaking, ${count('DANGEROUS')} dangerous, ${count('NON_BREAKING')} safe change(s); ${check.operations.length} operation failure(s)`;
  process.stdout.write(`verdict: ${check.verdict} (${summary})${fails ? '' : check.verdict === 'dangerous' ? ', passing: use --fail-on-dangerous to refuse' : ''}\n`);
  return fails ? 1 : 0;
}

// --json promises CI one document on stdout, bad input included: `{ verdict: "bad-input", error }`, exit 2.
const badInputDocument = (line: string, error: Error) =>
  `${JSON.stringify({ verdict: 'bad-input', error: line, ...(error instanceof ComposeInputError && error.subgraph ? { subgraph: error.subgraph } : {}) }, null, 2)}\n`;
runCommand(main, USAGE, (error) => /--name|--schema/.test(error.message), process.argv.slice(2).includes('--json') ? badInputDocument : undefined);
