import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { composeServices } from '@apollo/composition';
import { parse } from 'graphql';
import { parse as parseYaml } from 'yaml';
import { PROJECT_ROOT } from '../platform/project-root';

export const SCHEMA_DIR = resolve(PROJECT_ROOT, 'schema');
export const SUPERGRAPH_CONFIG = resolve(SCHEMA_DIR, 'supergraph.yaml');
export const SUPERGRAPH_FILE = resolve(SCHEMA_DIR, 'supergraph.graphql');

interface SupergraphConfig {
  subgraphs: Record<string, { routing_url: string; schema: { file: string } }>;
}

export interface SubgraphDefinition {
  name: string;
  url: string;
  sdl: string;
}

/** The subgraphs named in a rover-style supergraph.yaml, with their SDL read from disk. */
export function readSubgraphDefinitions(configFile = SUPERGRAPH_CONFIG): SubgraphDefinition[] {
  const config = parseYaml(readFileSync(configFile, 'utf8')) as SupergraphConfig;
  return Object.entries(config.subgraphs).map(([name, entry]) => ({
    name,
    url: entry.routing_url,
    sdl: readFileSync(resolve(dirname(configFile), entry.schema.file), 'utf8'),
  }));
}

/** Composes subgraph SDLs into a supergraph SDL, or throws with every composition error. */
export function composeSupergraph(subgraphs: SubgraphDefinition[] = readSubgraphDefinitions()): string {
  const result = composeServices(
    subgraphs.map(({ name, url, sdl }) => ({ name, url, typeDefs: parse(sdl) })),
  );
  if (result.errors) {
    throw new Error(`Composition failed:\n${result.errors.map((e) => `- ${e.message}`).join('\n')}`);
  }
  return result.supergraphSdl;
}
