// What the tests' stacks serve: our four party subgraphs composed from their SDL files, whatever
// partners schema/supergraph.yaml adds. A partner composed into the committed supergraph is not
// running when our tests run; served, it would make /health degraded and its fields unavailable, so
// a partner added to the yaml would break npm test. (test/composition.test.ts checks the committed
// file is what the yaml composes to; with no partner in it, that is this same supergraph.)
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { composeSupergraph, readSupergraphConfig, type SubgraphDefinition } from '../../gateway/compose-supergraph';
import { stringify } from 'yaml';
import { PARTIES } from '../../platform/config';

/** The four party subgraphs as supergraph.yaml names them, read from their SDL files. */
export function partySubgraphs(): SubgraphDefinition[] {
  return readSupergraphConfig()
    .filter((entry) => (PARTIES as readonly string[]).includes(entry.name))
    .map((entry) => ({ name: entry.name, url: entry.routingUrl, sdl: readFileSync((entry.schema as { file: string }).file, 'utf8') }));
}

let composed: string | undefined;

/** Our four subgraphs' supergraph SDL (composed once per test file). */
export function partySupergraph(): string {
  return (composed ??= composeSupergraph(partySubgraphs()));
}

/**
 * That supergraph in a file, for a gateway that serves SUPERGRAPH_FILE: named by its content, so the
 * test files running at once share it and a changed SDL gets a file of its own.
 */
export function partySupergraphFile(): string {
  return fileOfContent(partySupergraph(), 'graphql');
}

/** A file in the temporary folder holding `content`, named by it: written once, whole, whichever test file asks first. */
function fileOfContent(content: string, extension: string): string {
  const file = join(tmpdir(), `party-supergraph-${createHash('sha256').update(content).digest('hex').slice(0, 16)}.${extension}`);
  if (!existsSync(file)) {
    const next = `${file}.${process.pid}.next`;
    writeFileSync(next, content);
    renameSync(next, file);
  }
  return file;
}

/** A supergraph.yaml of our four subgraphs alone (SDL files by absolute path), for commands given --config. */
export function partySupergraphConfig(): string {
  const yaml = stringify({
    subgraphs: Object.fromEntries(
      readSupergraphConfig()
        .filter((entry) => (PARTIES as readonly string[]).includes(entry.name))
        .map((entry) => [entry.name, { routing_url: entry.routingUrl, schema: { file: (entry.schema as { file: string }).file } }]),
    ),
  });
  return fileOfContent(yaml, 'yaml');
}
