// Writes schema/supergraph.graphql from the subgraph SDL files named in schema/supergraph.yaml.
import { writeFileSync } from 'node:fs';
import { composeSupergraph, SUPERGRAPH_FILE } from '../gateway/compose-supergraph';

writeFileSync(SUPERGRAPH_FILE, composeSupergraph());
console.log(`wrote ${SUPERGRAPH_FILE}`);
