// Where a service can be reached from: this machine only unless HOST says otherwise. Tried from
// outside the process, by connecting to the machine's own network address as another host would.
import { networkInterfaces } from 'node:os';
import { gatewayConfig } from '../platform/config';
import { listen } from '../platform/http';

/** This machine's first IPv4 address on a network (not the loopback), if it has one. */
const networkAddress = Object.values(networkInterfaces())
  .flat()
  .find((address) => address && address.family === 'IPv4' && !address.internal)?.address;

const answering = (_req: unknown, res: { end(body: string): void }) => res.end('here');

/** What a request to this address and port gets: the body, or the connection error's code. */
async function reach(address: string, port: number): Promise<string> {
  try {
    return await (await fetch(`http://${address}:${port}/graphql`)).text();
  } catch (error) {
    return ((error as Error & { cause?: { code?: string } }).cause?.code ?? (error as Error).message) as string;
  }
}

test('a service listens on 127.0.0.1 unless told otherwise, and says localhost in its URL', async () => {
  const listening = await listen(answering, 0, { host: gatewayConfig({}).host });
  try {
    expect(listening.server.address()).toMatchObject({ address: '127.0.0.1' });
    expect(listening.url).toBe(`http://localhost:${listening.port}/graphql`);
    expect(await reach('127.0.0.1', listening.port)).toBe('here');
    if (networkAddress) expect(await reach(networkAddress, listening.port)).toBe('ECONNREFUSED');
  } finally {
    await listening.close();
  }
});

test('HOST=0.0.0.0 (as docker-compose.yml sets) lets other hosts reach it on the network address', async () => {
  const listening = await listen(answering, 0, { host: gatewayConfig({ HOST: '0.0.0.0' }).host });
  try {
    expect(listening.server.address()).toMatchObject({ address: '0.0.0.0' });
    expect(await reach('127.0.0.1', listening.port)).toBe('here');
    if (networkAddress) expect(await reach(networkAddress, listening.port)).toBe('here');
  } finally {
    await listening.close();
  }
});

// Only on a machine with a network address besides the loopback.
(networkAddress ? test : test.skip)('HOST naming one address prints that address in the URL, since localhost would not reach it', async () => {
  const address = networkAddress!;
  const listening = await listen(answering, 0, { host: address });
  try {
    expect(listening.url).toBe(`http://${address}:${listening.port}/graphql`);
    expect(await reach(address, listening.port)).toBe('here');
    expect(await reach('127.0.0.1', listening.port)).toBe('ECONNREFUSED');
  } finally {
    await listening.close();
  }
});
