import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parse } from 'yaml';
import {
  CONFIG_VARIABLES,
  DEFAULT_PORTS,
  gatewayConfig,
  PARTIES,
  subgraphConfig,
} from '../platform/config';
import { identityConfig } from '../platform/identity';

// There is no Docker engine here: this reads docker-compose.yml and checks it against the
// configuration the code actually reads.
const ROOT = resolve(__dirname, '..');

interface ComposeService {
  image?: string;
  build?: string;
  command?: string[];
  environment?: Record<string, string>;
  ports?: string[];
  depends_on?: Record<string, { condition: string }>;
  healthcheck?: { test: string[] };
}

// Merge keys (<<) are how the file shares the identity and URL settings, as Compose reads them.
const compose = parse(readFileSync(resolve(ROOT, 'docker-compose.yml'), 'utf8'), { merge: true }) as {
  services: Record<string, ComposeService>;
};
const services = compose.services;

/** A service's environment as Compose passes it when the host sets none of the `${NAME:-default}` it names. */
const withHostUnset = (env: Record<string, string> = {}) =>
  Object.fromEntries(Object.entries(env).map(([name, value]) => [name, value.replace(/\$\{\w+:-([^}]*)\}/g, '$1')]));

test('compose runs the gateway, the four subgraphs and one PostgreSQL per party', () => {
  expect(Object.keys(services).sort()).toEqual(
    ['gateway', ...PARTIES, ...PARTIES.map((party) => `${party}-db`)].sort(),
  );
  for (const party of PARTIES) expect(services[`${party}-db`].image).toMatch(/^postgres:/);
});

test('every variable compose sets is one the code reads', () => {
  const known = new Set(CONFIG_VARIABLES.map((variable) => variable.name));
  for (const [name, service] of Object.entries(services)) {
    if (name.endsWith('-db')) continue;
    for (const variable of Object.keys(service.environment ?? {})) {
      expect(`${name}: ${variable} ${known.has(variable) ? 'known' : 'unknown'}`).toBe(`${name}: ${variable} known`);
    }
  }
});

describe.each(PARTIES)('the %s subgraph container', (party) => {
  const service = services[party];
  const env = service.environment ?? {};
  const config = subgraphConfig(party, env);

  test('runs the compiled subgraph entry point, built from one that exists in the repository', () => {
    expect(service.command).toEqual(['node', `dist/subgraphs/${party}/index.js`]);
    expect(existsSync(resolve(ROOT, `subgraphs/${party}/index.ts`))).toBe(true);
  });

  test('listens on its default port and publishes it', () => {
    expect(config.port).toBe(DEFAULT_PORTS[party]);
    expect(service.ports).toEqual([`${config.port}:${config.port}`]);
    expect(service.healthcheck?.test.join(' ')).toContain(`localhost:${config.port}/health`);
  });

  test('uses its own database on its own PostgreSQL container, with matching credentials', () => {
    expect(config.database.engine).toBe('postgres');
    const url = new URL((config.database as { url: string }).url);
    const db = services[url.hostname];
    expect(url.hostname).toBe(`${party}-db`);
    expect(service.depends_on?.[url.hostname]?.condition).toBe('service_healthy');
    expect(db.environment).toMatchObject({
      POSTGRES_USER: decodeURIComponent(url.username),
      POSTGRES_PASSWORD: decodeURIComponent(url.password),
      POSTGRES_DB: url.pathname.slice(1),
    });
  });
});

test('the gateway reaches each subgraph by its service name and port, and waits for it to be healthy', () => {
  const service = services.gateway;
  const config = gatewayConfig(withHostUnset(service.environment));
  expect(service.command).toEqual(['node', 'dist/gateway/index.js']);
  expect(existsSync(resolve(ROOT, 'gateway/index.ts'))).toBe(true);
  expect(config.port).toBe(DEFAULT_PORTS.gateway);
  expect(service.ports).toEqual([`${DEFAULT_PORTS.gateway}:${DEFAULT_PORTS.gateway}`]);
  for (const party of PARTIES) {
    const subgraphPort = subgraphConfig(party, services[party].environment ?? {}).port;
    expect(config.subgraphUrls[party]).toBe(`http://${party}:${subgraphPort}/graphql`);
    expect(service.depends_on?.[party]?.condition).toBe('service_healthy');
  }
});

test('every service listens on every interface, so the other containers and the published port reach it', () => {
  for (const name of ['gateway', ...PARTIES]) {
    const env = services[name].environment ?? {};
    expect(`${name}: ${env.HOST}`).toBe(`${name}: 0.0.0.0`);
    const config = name === 'gateway' ? gatewayConfig(withHostUnset(env)) : subgraphConfig(name as (typeof PARTIES)[number], env);
    expect(config.host).toBe('0.0.0.0');
  }
});

test('the gateway lets the pages CORS_ORIGINS lists call it, passed through from the host, and none unless set', () => {
  const env = services.gateway.environment ?? {};
  expect(env.CORS_ORIGINS).toBe('${CORS_ORIGINS:-}');
  // The image runs with NODE_ENV=production: the variable left empty lets no page in.
  expect(gatewayConfig({ ...withHostUnset(env), NODE_ENV: 'production' }).cors).toEqual({ origins: [], localPages: false });
});

test('every service checks tokens with the same settings, passed through from the host', () => {
  const identityVariables = CONFIG_VARIABLES.map((variable) => variable.name).filter((name) => name.startsWith('AUTH_'));
  expect(identityVariables).toEqual(['AUTH_JWT_SECRET', 'AUTH_JWKS_URL', 'AUTH_ISSUER', 'AUTH_AUDIENCE']);
  for (const name of ['gateway', ...PARTIES]) {
    const env = services[name].environment ?? {};
    for (const variable of identityVariables) expect(`${name}: ${variable}=${env[variable]}`).toBe(`${name}: ${variable}=\${${variable}:-}`);
  }
});

test('a container started without a secret or an identity provider refuses to start instead of inventing a secret', () => {
  const dockerfile = readFileSync(resolve(ROOT, 'Dockerfile'), 'utf8');
  expect(dockerfile).toMatch(/^ENV NODE_ENV=production$/m);
  expect(() => identityConfig({ NODE_ENV: 'production', AUTH_JWT_SECRET: '', AUTH_JWKS_URL: '' })).toThrow(/AUTH_JWT_SECRET or AUTH_JWKS_URL/);
});

test('each subgraph can reach every other one by its service name, to ask the owner of a relationship', () => {
  for (const party of PARTIES) {
    const peers = subgraphConfig(party, services[party].environment ?? {}).peers;
    for (const other of PARTIES) {
      const port = subgraphConfig(other, services[other].environment ?? {}).port;
      expect(peers[other]).toBe(`http://${other}:${port}/graphql`);
    }
  }
});

test('the image compiles every folder tsconfig.build.json builds, and runs the compiled code with the SDL files beside it', () => {
  const dockerfile = readFileSync(resolve(ROOT, 'Dockerfile'), 'utf8');
  const build = JSON.parse(readFileSync(resolve(ROOT, 'tsconfig.build.json'), 'utf8')) as { include: string[]; compilerOptions: { outDir: string } };
  const [buildStage, runStage] = dockerfile.split(/^FROM /m).slice(1);
  for (const folder of build.include) expect(buildStage).toContain(`COPY ${folder} ./${folder}`);
  expect(buildStage).toContain('RUN npx tsc -p tsconfig.build.json');
  expect(build.compilerOptions.outDir).toBe('dist');
  expect(runStage).toContain('COPY --from=build /app/dist ./dist');
  expect(runStage).toContain('COPY schema ./schema');
  expect(runStage).toContain('npm ci --omit=dev');
});

test('docs/configuration.md documents every configuration variable', () => {
  const configuration = readFileSync(resolve(ROOT, 'docs', 'configuration.md'), 'utf8');
  const missing = CONFIG_VARIABLES.filter((variable) => !configuration.includes(`\`${variable.name}\``));
  expect(missing.map((variable) => variable.name)).toEqual([]);
});

test('every service sends its spans to the same collector under its own name, and guards /metrics alike', () => {
  for (const name of ['gateway', ...PARTIES]) {
    const env = services[name].environment ?? {};
    expect(env.OTEL_EXPORTER_OTLP_ENDPOINT).toBe('${OTEL_EXPORTER_OTLP_ENDPOINT:-}');
    expect(env.METRICS_TOKEN).toBe('${METRICS_TOKEN:-}');
    const { telemetry } = name === 'gateway' ? gatewayConfig(withHostUnset(env)) : subgraphConfig(name as (typeof PARTIES)[number], withHostUnset(env));
    expect(telemetry.tracing.serviceName).toBe(name);
  }
});

test('the gateway container runs only the trusted documents of the manifest the image carries', () => {
  const runStage = readFileSync(resolve(ROOT, 'Dockerfile'), 'utf8').split(/^FROM /m)[2];
  expect(runStage).toContain('COPY operations/manifest.json ./operations/manifest.json');
  const config = gatewayConfig({ ...withHostUnset(services.gateway.environment), NODE_ENV: 'production' });
  expect(config.trustedDocuments).toEqual({ manifest: resolve('operations/manifest.json'), only: true });
  expect(existsSync(config.trustedDocuments.manifest!)).toBe(true);
});
