// Several chat-api instances on one throwaway PostgreSQL and one throwaway
// Redis, as a deployment runs them: each its own server (its own pool, bus
// connections, hub, session cache and presence claims) on its own port.
// PostgreSQL and Redis can be stopped and started again under them; the
// instances can be stopped and started again together.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { testConfig, type Config } from '../../src/config.js';
import { ChatClient } from '../../src/sdk/index.js';
import { createServer, type Server } from '../../src/server.js';
import { startPostgres, type PostgresServer } from './postgres-server.js';
import { startRedis, type RedisServer } from './redis-server.js';

export const PASSWORD = 'correct horse battery';

export interface Instance {
  url: string;
  server: Server;
  client(token?: string): ChatClient;
}

export interface Cluster {
  postgres: PostgresServer;
  redis: RedisServer;
  databaseUrl: string;
  instances: Instance[];
  /** Registers `name` (once, through the first instance) and signs a device in through instance `on`. */
  user(name: string, on: number, deviceName?: string): Promise<ChatClient & { userId: string; deviceId: string }>;
  /** Closes every instance and starts as many again, all at once, on the same database and Redis. */
  restartInstances(): Promise<void>;
  close(): Promise<void>;
}

async function startInstance(config: Partial<Config>, dataDir: string): Promise<Instance> {
  const server = await createServer(testConfig({ port: 0, host: '127.0.0.1', dataDir, rateLimits: false, ...config }));
  const url = await server.listen();
  // Listening comes before its Redis connections are up: ready is what a balancer waits for, so the tests too.
  await eventually(`${url} ready`, async () => ((await readiness(url)) === 200 ? true : undefined));
  return { url, server, client: (token) => new ChatClient({ baseUrl: url, token, retries: 0 }) };
}

/** `count` instances started at the same moment on a fresh database. */
export async function startCluster(count = 2, config: Partial<Config> = {}): Promise<Cluster> {
  const [postgres, redis] = await Promise.all([startPostgres(), startRedis()]);
  const databaseUrl = await postgres.createDatabase();
  const dataDir = mkdtempSync(join(tmpdir(), 'chat-api-cluster-'));
  const settings = { databaseUrl, redisUrl: redis.url, ...config };
  const startAll = () => Promise.all(Array.from({ length: count }, () => startInstance(settings, dataDir)));
  const instances = await startAll();
  const registered = new Set<string>();

  return {
    postgres,
    redis,
    databaseUrl,
    instances,
    async user(name, on, deviceName = 'test') {
      if (!registered.has(name)) {
        await instances[0]!.client().register({ name, email: `${name}@example.com`, password: PASSWORD });
        registered.add(name);
      }
      const c = instances[on]!.client();
      const answer = await c.login({ login: name, password: PASSWORD, deviceName });
      return Object.assign(c, { userId: answer.user.id, deviceId: answer.device.id });
    },
    async restartInstances() {
      await Promise.all(instances.splice(0).map((i) => i.server.close()));
      instances.push(...(await startAll()));
    },
    async close() {
      await Promise.allSettled(instances.splice(0).map((i) => i.server.close()));
      await Promise.allSettled([postgres.close(), redis.close()]);
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * Asks until `check` holds, for what no event announces (an answer that changes
 * when a server outside the process comes or goes); fails after `timeoutMs`.
 */
export async function eventually<T>(what: string, check: () => Promise<T | undefined>, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await check();
      if (value !== undefined) return value;
    } catch (err) {
      last = err;
    }
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}${last ? `: ${String(last)}` : ''}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** The status of GET /readyz. */
export async function readiness(url: string): Promise<number> {
  return (await fetch(`${url}/readyz`)).status;
}
