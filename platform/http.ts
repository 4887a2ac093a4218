import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { RequestListener } from 'node:http';
import { DEFAULT_HOST } from './config';

export interface Listening {
  server: Server;
  port: number;
  url: string;
  close(): Promise<void>;
}

/** Addresses that every interface, or this machine's loopback, answers on: reached here as localhost. */
const LOCAL_ADDRESSES = new Set(['127.0.0.1', '::1', 'localhost', '0.0.0.0', '::']);

/**
 * Where a client on this machine reaches a service listening on `host`: localhost for the loopback
 * and the wildcard addresses, else the address itself (`http://192.0.2.10:4000/graphql`).
 */
export function serviceUrl(host: string, port: number, path = '/graphql'): string {
  const name = LOCAL_ADDRESSES.has(host) ? 'localhost' : host.includes(':') ? `[${host}]` : host;
  return `http://${name}:${port}${path}`;
}

/**
 * Binds a request handler to a port (0 picks a free one) on `host`: 127.0.0.1 unless told otherwise
 * (HOST), so a development stack is not open to the network it happens to be on.
 */
export async function listen(
  handler: RequestListener,
  port: number,
  { host = DEFAULT_HOST, path = '/graphql' }: { host?: string; /** What `url` ends with. */ path?: string } = {},
): Promise<Listening> {
  const server = createServer(handler);
  // Longer than the gateway's idle keep-alive, so the gateway never reuses a socket we just closed.
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  const bound = (server.address() as AddressInfo).port;
  return {
    server,
    port: bound,
    url: serviceUrl(host, bound, path),
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
