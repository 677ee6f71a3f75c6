// infra/docker-compose.yml and infra/Caddyfile, read as Docker and Caddy would read them, checked
// against what the app needs (config.ts) and what the README promises: two app nodes behind the
// proxy, on MongoDB and Meilisearch, every service with a restart policy and a health check, the
// proxy sending only to ready nodes and keeping a browser on one node. (Docker does not run on the
// development machines; this is what can be checked without it.)
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { readConfig } from '../../src/config.ts';

const INFRA = path.resolve(import.meta.dirname, '../../../infra');

type Service = {
  image?: string;
  build?: { context: string; dockerfile: string };
  restart?: string;
  environment?: Record<string, string>;
  healthcheck?: { test: string[] };
  depends_on?: Record<string, { condition: string }>;
  ports?: string[];
  volumes?: string[];
};
type Compose = { services: Record<string, Service>; volumes: Record<string, unknown> };

const compose = parse(await readFile(path.join(INFRA, 'docker-compose.yml'), 'utf8'), { merge: true }) as Compose;
const caddyfile = await readFile(path.join(INFRA, 'Caddyfile'), 'utf8');
const dockerfile = await readFile(path.join(INFRA, 'Dockerfile'), 'utf8');

const appNodes = Object.entries(compose.services).filter(([, service]) => service.build?.dockerfile === 'infra/Dockerfile');

/** `${NAME:-default}` as Compose fills it in when NAME is not set. */
function withDefaults(environment: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(environment).map(([name, value]) => [name, value.replace(/\$\{[A-Z_]+:-([^}]*)\}/g, '$1')]));
}

/** The image's ENV lines (HOST, PORT, DATA_DIR, NODE_ENV), which the compose environment extends. */
function imageEnvironment(): Record<string, string> {
  const line = dockerfile.split('\n').find((candidate) => candidate.startsWith('ENV '));
  return Object.fromEntries([...(line ?? '').slice(4).matchAll(/(\w+)=(\S+)/g)].map((match) => [match[1]!, match[2]!]));
}

describe('infra/docker-compose.yml', () => {
  it('runs two app nodes from the one image, each with its own data volume', () => {
    expect(appNodes.map(([name]) => name)).toEqual(['app1', 'app2']);
    expect(new Set(appNodes.map(([, service]) => service.image)).size).toBe(1);
    const dataVolumes = appNodes.map(([, service]) => service.volumes?.find((volume) => volume.endsWith(':/data')));
    expect(new Set(dataVolumes).size).toBe(2);
    for (const volume of dataVolumes) expect(Object.keys(compose.volumes)).toContain(volume?.split(':')[0]);
  });

  it('configures every node so that config.ts accepts it: MongoDB as a replica set, Meilisearch, behind a trusted proxy', () => {
    for (const [name, service] of appNodes) {
      const config = readConfig({ ...imageEnvironment(), ...withDefaults(service.environment ?? {}) }, { clientDist: '/app/client/dist' });
      expect({ name, replicaSet: new URL(config.mongodbUrl ?? 'x:').searchParams.get('replicaSet') }).toEqual({ name, replicaSet: 'rs0' });
      expect(new URL(config.mongodbUrl!).hostname).toBe('mongo');
      expect(new URL(config.meilisearchUrl!).hostname).toBe('meilisearch');
      expect(config.trustProxy).toBe(true);
      expect(config.host).toBe('0.0.0.0');
      expect(config.env).toBe('production');
      expect(config.dataDir).toBe('/data');
      // The address people use is the proxy's, published on the same port.
      const proxyPort = compose.services['proxy']?.ports?.[0]?.split(':')[1];
      expect(new URL(config.publicUrl).port).toBe(proxyPort);
    }
  });

  it('gives every service a restart policy and a health check; the nodes answer liveness on /healthz', () => {
    for (const [name, service] of Object.entries(compose.services)) {
      expect({ name, restart: service.restart }).toEqual({ name, restart: 'unless-stopped' });
      expect({ name, healthcheck: Array.isArray(service.healthcheck?.test) }).toEqual({ name, healthcheck: true });
    }
    for (const [, service] of appNodes) {
      const probe = service.healthcheck!.test.join(' ');
      expect(probe).toContain(`http://127.0.0.1:${imageEnvironment()['PORT']}/healthz`);
    }
  });

  it('starts the nodes after MongoDB and Meilisearch are healthy, and the proxy after the nodes', () => {
    for (const [, service] of appNodes) {
      expect(service.depends_on).toEqual({ mongo: { condition: 'service_healthy' }, meilisearch: { condition: 'service_healthy' } });
    }
    expect(compose.services['proxy']?.depends_on).toEqual(Object.fromEntries(appNodes.map(([name]) => [name, { condition: 'service_healthy' }])));
  });

  it('publishes ports on localhost only, and the nodes not at all (everything goes through the proxy)', () => {
    for (const [name, service] of Object.entries(compose.services)) {
      for (const port of service.ports ?? []) expect({ name, port: port.startsWith('127.0.0.1:') }).toEqual({ name, port: true });
    }
    for (const [, service] of appNodes) expect(service.ports).toBeUndefined();
  });

  it('uses official images for MongoDB, Meilisearch and the proxy (Caddy), with its Caddyfile mounted', () => {
    expect(compose.services['mongo']?.image).toMatch(/^mongo:\d/);
    expect(compose.services['meilisearch']?.image).toMatch(/^getmeili\/meilisearch:v\d/);
    expect(compose.services['proxy']?.image).toMatch(/^caddy:\d/);
    expect(compose.services['proxy']?.volumes).toContain('./Caddyfile:/etc/caddy/Caddyfile:ro');
  });
});

describe('infra/Caddyfile', () => {
  // The block runs to the line with its closing brace alone (placeholders have braces too).
  const proxied = /reverse_proxy\s+([^{\n]+)\{\n([\s\S]*?)\n\s*\}\s*\n/.exec(caddyfile);
  const directives = (proxied?.[2] ?? '').split('\n').map((line) => line.trim()).filter((line) => line && !line.startsWith('#'));

  it('sends requests to every app node, at the port the image listens on', () => {
    const port = imageEnvironment()['PORT'];
    expect(proxied?.[1]?.trim().split(/\s+/)).toEqual(appNodes.map(([name]) => `${name}:${port}`));
  });

  it('sends them only to nodes that say they are ready, and keeps a browser on one node for long-polling', () => {
    expect(directives).toContain('health_uri /readyz');
    expect(directives.some((line) => line.startsWith('lb_policy cookie'))).toBe(true);
    expect(directives).toContain('header_up X-Request-Id {http.request.uuid}');
  });
});
