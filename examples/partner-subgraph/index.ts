// Runs the EHR vendor's example subgraph:
//   npx tsx examples/partner-subgraph/index.ts
// PORT (default 4010, 0 picks a free one); the supergraph's AUTH_* settings, or npm start's
// development secret in DATA_DIR/jwt-secret; PARTNER_DATA_FILE (default seed.json beside this file);
// LOG_LEVEL=debug logs every batch read of the store as a JSON line.
import { createServer, type RequestListener } from 'node:http';
import { tokenCheckFromEnv } from './identity';
import { buildPartnerSubgraph } from './server';
import { PartnerStore, readSeedFile, SEED_FILE } from './store';

const DEFAULT_PORT = 4010;
/** The largest request body taken, as at our gateway (1 MB): larger ones are refused before they are read. */
const MAX_BODY_BYTES = 1024 * 1024;

/** Yoga behind a size check: a body that does not state its length, or states more than the limit, gets 413. */
function limitBodies(handler: RequestListener): RequestListener {
  return (request, response) => {
    const declared = Number(request.headers['content-length'] ?? 0);
    const unstated = request.headers['transfer-encoding'] !== undefined;
    if (declared > MAX_BODY_BYTES || unstated) {
      response.writeHead(413, { 'content-type': 'application/json', connection: 'close' });
      response.end(JSON.stringify({ errors: [{ message: `Send a body with its content-length, at most ${MAX_BODY_BYTES} bytes`, extensions: { code: 'PAYLOAD_TOO_LARGE' } }] }));
      return;
    }
    handler(request, response);
  };
}

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
  const server = createServer(limitBodies(yoga));
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
