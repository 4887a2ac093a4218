// A partner's subgraph as small as it gets: one SDL served by @apollo/subgraph over HTTP, answering
// `_service { sdl }` to a valid bearer token and 401 without one, as a partner's service should.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { graphql, parse } from 'graphql';
import { identityVerifier } from '../../platform/identity';
import { type Listening, listen } from '../../platform/http';
import { TEST_IDENTITY } from './tokens';

async function body(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

function answer(response: ServerResponse, status: number, json: unknown): void {
  response.writeHead(status, { 'content-type': 'application/json' });
  response.end(JSON.stringify(json));
}

/**
 * Serves `sdl` at <url> (POST, GraphQL over JSON) checking tokens signed with the test secret, and a
 * page that is not GraphQL at <url without /graphql>/html.
 */
export async function serveSubgraphSdl(sdl: string): Promise<Listening & { htmlUrl: string }> {
  const schema = buildSubgraphSchema({ typeDefs: parse(sdl) });
  const verify = identityVerifier(TEST_IDENTITY);
  const listening = await listen(async (request, response) => {
    if (request.url === '/html') {
      response.writeHead(200, { 'content-type': 'text/html' });
      response.end('<html><body>Welcome</body></html>');
      return;
    }
    try {
      await verify(request.headers.authorization);
    } catch (error) {
      answer(response, 401, { errors: [{ message: (error as Error).message, extensions: { code: 'UNAUTHENTICATED' } }] });
      return;
    }
    const { query } = JSON.parse(await body(request)) as { query: string };
    answer(response, 200, await graphql({ schema, source: query }));
  }, 0);
  return { ...listening, htmlUrl: listening.url.replace(/\/graphql$/, '/html') };
}
