// Wires a server from Config: the store and bus it names, the domain services,
// the app, the purge job. main.ts runs it as a process; tests and the bench
// start it in-process with an injected clock.
import type { FastifyInstance } from 'fastify';
import { argon2Hasher } from './adapters/argon2-hasher.js';
import { systemClock } from './adapters/clock.js';
import { cryptoRandom } from './adapters/random.js';
import { Hub } from './bus/hub.js';
import { LocalBus } from './bus/local.js';
import type { Config } from './config.js';
import { Accounts } from './domain/accounts.js';
import { Messaging } from './domain/messaging.js';
import type { Clock, EventBus, Hasher, Random, Store } from './domain/ports.js';
import { Retention } from './domain/retention.js';
import { Sync } from './domain/sync.js';
import { buildApp } from './http/app.js';
import { trackInFlight } from './http/inflight.js';
import { MAX_STREAMS_PER_ACCOUNT } from './http/stream/codes.js';
import { StreamGateway } from './http/stream/gateway.js';
import { Presence } from './http/stream/presence.js';
import { createRateLimits } from './http/limits.js';
import { createMetrics } from './http/metrics.js';
import type { Services } from './http/services.js';
import { openSqliteStore } from './store/sqlite/index.js';

export interface ServerParts {
  clock?: Clock;
  hasher?: Hasher;
  random?: Random;
}

export interface Server {
  app: FastifyInstance;
  services: Services;
  retention: Retention;
  store: Store;
  bus: EventBus;
  gateway: StreamGateway;
  /** Listens on config.host:config.port and starts the purge job; resolves to the base URL. */
  listen(): Promise<string>;
  /** Stops accepting, lets in-flight requests finish, flushes writes, closes the store. */
  close(): Promise<void>;
}

export async function createServer(config: Config, parts: ServerParts = {}): Promise<Server> {
  if (config.databaseUrl) throw new Error('DATABASE_URL: the PostgreSQL store is not part of this version yet; unset it to use SQLite');
  const clock = parts.clock ?? systemClock;
  const metrics = createMetrics();
  const store = await openSqliteStore(config.dataDir, { onCommit: metrics.commit });
  const bus: EventBus = new LocalBus();
  const telemetry = metrics.telemetry;
  let closing = false;

  const retention = new Retention({ store, clock, telemetry }, { ttlMs: config.messageTtlMs, purgeIntervalMs: config.purgeIntervalMs });
  const accounts = new Accounts({ store, hasher: parts.hasher ?? argon2Hasher, random: parts.random ?? cryptoRandom, clock, bus, telemetry });
  const messaging = new Messaging({ store, random: parts.random ?? cryptoRandom, clock, bus, telemetry, retention });
  const sync = new Sync({ store, clock });
  const services: Services = {
    accounts,
    messaging,
    sync,
    store,
    limits: createRateLimits(config.rateLimits),
    now: () => clock.now(),
    readiness: async () => {
      if (closing) return 'The server is shutting down';
      try {
        await store.ping();
        return null;
      } catch {
        return 'The database does not answer';
      }
    },
  };
  const app = await buildApp(config, services, metrics);
  retention.setLogger(app.log);
  const inFlight = trackInFlight(app);
  const hub = new Hub(bus, MAX_STREAMS_PER_ACCOUNT);
  const presence = new Presence({ hub, bus, store, graceMs: config.presenceGraceMs, onError: (err) => app.log.error({ err }, 'presence failed') });
  const gateway = new StreamGateway({
    services, hub, presence, metrics: metrics.stream, log: app.log,
    allowedOrigins: config.allowedOrigins, bufferLimit: config.streamBufferBytes, pingIntervalMs: config.streamPingIntervalMs,
  });
  app.server.on('upgrade', gateway.handleUpgrade);
  if (!config.rateLimits) app.log.warn('rate limits are off (CHAT_RATE_LIMITS=off): use this only for benchmarks and load tests');

  return {
    app,
    services,
    retention,
    store,
    bus,
    gateway,
    async listen() {
      const address = await app.listen({ port: config.port, host: config.host });
      retention.start();
      return address;
    },
    async close() {
      if (closing) return;
      closing = true;
      await retention.stop();
      // Stop accepting; let in-flight requests finish and publish their events;
      // then flush and close the streams (1001); then the HTTP server is done.
      // Keep-alive connections that finish a request after close began would
      // otherwise linger until their idle timeout: sweep them.
      const sweep = setInterval(() => app.server.closeIdleConnections(), 50);
      try {
        const appClosed = app.close();
        await inFlight.idle(8_000);
        await gateway.close();
        await appClosed;
      } finally {
        clearInterval(sweep);
      }
      await bus.close();
      await store.close(); // commits queued writes, checkpoints the WAL
    },
  };
}
