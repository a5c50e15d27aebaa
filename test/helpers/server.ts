// Starts the real server in-process on a free loopback port, on the store
// test/helpers/store.ts picks (a fresh SQLite file in a throwaway directory, or
// a fresh PostgreSQL database) and the bus test/helpers/bus.ts picks, with a
// clock the test controls.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ManualClock } from '../../src/adapters/clock.js';
import { testConfig, type Config } from '../../src/config.js';
import { createServer, type Server } from '../../src/server.js';
import { ChatClient } from '../../src/sdk/index.js';
import { testRedisUrl } from './bus.js';
import { testStore, type TestStoreKind } from './store.js';
import { until } from './until.js';

export interface TestServer {
  url: string;
  server: Server;
  clock: ManualClock;
  dataDir: string;
  client(token?: string): ChatClient;
  /** Registers and signs in a user; returns a client holding its token. */
  user(name: string, deviceName?: string): Promise<ChatClient & { userId: string; deviceId: string }>;
  close(): Promise<void>;
}

export const PASSWORD = 'correct horse battery';

export function tempDir(prefix = 'chat-api-test-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/** `store` picks the store for a test about one store's own files; others run on the one CHAT_TEST_STORE names. */
let servers = 0;

export async function startServer(overrides: Partial<Config> = {}, options: { store?: TestStoreKind } = {}): Promise<TestServer> {
  const dataDir = overrides.dataDir ?? tempDir();
  const clock = new ManualClock(Date.parse('2026-11-23T10:00:00.000Z'));
  const redisUrl = overrides.redisUrl === undefined ? await testRedisUrl() : overrides.redisUrl;
  // Each test server is a deployment of its own on the shared redis-server: its limits and presence are its own.
  const redisPrefix = overrides.redisPrefix ?? `test-${process.pid}-${++servers}:`;
  const server = await createServer(testConfig({ port: 0, dataDir, rateLimits: false, ...overrides, redisUrl, redisPrefix }), { clock, openStore: testStore(dataDir, options.store) });
  const url = await server.listen();
  // On Redis, a suite starts once the server is connected, as a load balancer would wait for /readyz.
  if (redisUrl) await until(async () => (await server.services.readiness()) === null, 'the server is ready');
  const client = (token?: string) => new ChatClient({ baseUrl: url, token, retries: 0 });
  const registered = new Set<string>();
  return {
    url,
    server,
    clock,
    dataDir,
    client,
    async user(name, deviceName = 'device-1') {
      const c = client();
      if (!registered.has(name)) {
        await c.register({ name, email: `${name}@example.com`, password: PASSWORD });
        registered.add(name);
      }
      const answer = await c.login({ login: name, password: PASSWORD, deviceName });
      return Object.assign(c, { userId: answer.user.id, deviceId: answer.device.id });
    },
    async close() {
      await server.close();
      if (!overrides.dataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Raw HTTP for what the SDK would never send (bad JSON, wrong types, odd headers). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- answers of any shape are what these tests inspect
export async function raw(url: string, path: string, init: RequestInit & { token?: string } = {}): Promise<{ status: number; body: any; headers: Headers }> {
  const headers = new Headers(init.headers);
  if (init.token) headers.set('authorization', `Bearer ${init.token}`);
  const response = await fetch(url + path, { ...init, headers });
  const text = await response.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // keep text
  }
  return { status: response.status, body, headers: response.headers };
}
