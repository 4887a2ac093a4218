// Runs the EHR vendor's example subgraph:
//   npx tsx examples/partner-subgraph/index.ts
// PORT (default 4010, 0 picks a free one); the supergraph's AUTH_* settings, or npm start's
// development secret in DATA_DIR/jwt-secret; PARTNER_DATA_FILE (default seed.json beside this file);
// LOG_LEVEL=debug logs every batch read of the store as a JSON line.
import { createServer } from 'node:http';
import { tokenCheckFromEnv } from './identity';
import { buildPartnerSubgraph } from './server';
import { PartnerStore, readSeedFile, SEED_FILE } from './store';

const DEFAULT_PORT = 4010;

function main() {
  const port = process.env.PORT ? Number(process.env.PORT) : DEFAULT_PORT;
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`PORT must be a port number, got ${process.env.PORT}`);
  const store = new PartnerStore(readSeedFile(process.env.PARTNER_DATA_FILE || SEED_FILE));
  if (process.env.LOG_LEVEL === 'debug') {
    store.onRead = ({ table, keys }) => console.log(JSON.stringify({ level: 'debug', msg: 'store read', table, keys: keys.length }));
  }
  const { yoga } = buildPartnerSubgraph({
    tokens: tokenCheckFromEnv(),
    store,
    production: process.env.NODE_ENV === 'production',
  });
  const server = createServer(yoga);
  server.once('error', fail);
  server.listen(port, () => {
    const address = server.address();
    const bound = typeof address === 'object' && address ? address.port : port;
    console.log(`EHR partner subgraph ready at http://localhost:${bound}/graphql (health: http://localhost:${bound}/health)`);
  });
  const stop = () => server.close(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

function fail(error: Error) {
  console.error(`EHR partner subgraph failed to start: ${error.message}`);
  process.exit(1);
}

try {
  main();
} catch (error) {
  fail(error as Error);
}
