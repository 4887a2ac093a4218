// The benchmark's gateway in a process of its own (bench/stack.ts forks it when each service runs
// apart, as docker-compose runs them): gateway/index.ts's configuration and builder, plus a fetcher
// that records the subgraph fetches, and the bytes allocated, when bench/stack.ts asks over IPC.
import { gatewayConfig } from '../platform/config';
import { identityConfig, identityVerifier } from '../platform/identity';
import { listen } from '../platform/http';
import { logger } from '../platform/logger';
import { buildGateway, configuredGatewayOptions } from '../gateway/gateway';
import { type AllocationMeter, measureAllocation } from './allocation';
import type { RecordedFetch } from './protocol';
import { recordingFetcher } from './recording-fetcher';

export type GatewayRequest = { type: 'record'; on: boolean } | { type: 'allocation'; on: boolean };
export type GatewayReport =
  | { type: 'listening'; url: string }
  | { type: 'recorded'; fetches: RecordedFetch[] }
  | { type: 'allocated'; bytes: number; cpuMicros: number }
  | { type: 'failed'; message: string };

const send = (report: GatewayReport) => process.send?.(report);

async function main() {
  logger.level = process.env.LOG_LEVEL ?? 'warn';
  const config = gatewayConfig();
  const recorded: RecordedFetch[] = [];
  let recording = false;
  let allocation: AllocationMeter | null = null;
  // Configured as gateway/index.ts configures it (the supergraph file, the limits), plus a recording fetcher.
  const gateway = await buildGateway({
    ...configuredGatewayOptions(config),
    identity: identityVerifier(identityConfig()),
    fetcher: recordingFetcher(recorded, () => recording),
  });
  const listening = await listen(gateway.app, config.port, { host: config.host });
  const stop = async () => {
    await listening.close();
    await gateway.stop();
    process.exit(0);
  };
  process.once('SIGTERM', stop);
  process.once('disconnect', stop);
  process.on('message', (request: GatewayRequest) => {
    if (request.type === 'record') {
      recording = request.on;
      if (request.on) recorded.length = 0;
      else send({ type: 'recorded', fetches: [...recorded] });
    } else if (request.type === 'allocation') {
      if (request.on) allocation = measureAllocation();
      else send({ type: 'allocated', ...(allocation?.stop() ?? { bytes: 0, cpuMicros: 0 }) });
    }
  });
  send({ type: 'listening', url: listening.url });
}

main().catch((error) => {
  send({ type: 'failed', message: error instanceof Error ? error.message : String(error) });
  process.exit(1);
});
