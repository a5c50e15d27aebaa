// Wires a server from Config: the store and bus it names, the domain services,
// the app, the purge job. main.ts runs it as a process; tests and the bench
// start it in-process with an injected clock.
import type { FastifyInstance } from 'fastify';
import { argon2Hasher } from './adapters/argon2-hasher.js';
import { systemClock } from './adapters/clock.js';
import { cryptoRandom } from './adapters/random.js';
import { Hub } from './bus/hub.js';
import { LocalBus } from './bus/local.js';
import type { RedisLog } from './bus/redis-connection.js';
import { openRedis } from './bus/redis-parts.js';
import type { Config } from './config.js';
import { Accounts } from './domain/accounts.js';
import { Messaging } from './domain/messaging.js';
import type { Clock, EventBus, Hasher, Random, Store } from './domain/ports/index.js';
import { Retention } from './domain/retention.js';
import { Sync } from './domain/sync.js';
import { buildApp } from './http/app.js';
import { clientAddress } from './http/client-address.js';
import { trackInFlight } from './http/inflight.js';
import { StreamGateway } from './http/stream/gateway.js';
import { streamOrigins } from './http/stream/origin.js';
import { StreamLimits } from './contract/index.js';
import { Presence } from './http/stream/presence.js';
import { createRateLimits } from './http/limits.js';
import { createMetrics } from './http/metrics.js';
import type { Services } from './http/services.js';
import { openPostgresStore } from './store/postgres/index.js';
import { openSqliteStore } from './store/sqlite/index.js';

/** Told of every store commit: how long it took (seconds) and how many writes it carried. */
export type CommitHook = (seconds: number, writes: number) => void;

export interface ServerParts {
  clock?: Clock;
  hasher?: Hasher;
  random?: Random;
  /** Opens the store instead of the one Config names: how tests run the same suites on every store. */
  openStore?: (onCommit: CommitHook) => Promise<Store>;
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

/** PostgreSQL when DATABASE_URL is set, else the SQLite file in the data directory. */
function configuredStore(config: Config, onConnectionError: (err: Error) => void): (onCommit: CommitHook) => Promise<Store> {
  const { databaseUrl } = config;
  if (databaseUrl) return (onCommit) => openPostgresStore(databaseUrl, { poolSize: config.dbPoolSize, onCommit, onConnectionError });
  return (onCommit) => openSqliteStore(config.dataDir, { onCommit });
}

export async function createServer(config: Config, parts: ServerParts = {}): Promise<Server> {
  const clock = parts.clock ?? systemClock;
  const metrics = createMetrics();
  // The log exists once the app does; a connection lost before is not worth a line.
  let connectionLost = (_err: Error) => {};
  const store = await (parts.openStore ?? configuredStore(config, (err) => connectionLost(err)))(metrics.commit);
  // The app's logger exists only once the app is built, after the services the bus is part of.
  const logTo: { app?: RedisLog } = {};
  const lateLog: RedisLog = { warn: (obj, msg) => logTo.app?.warn(obj, msg), info: (obj, msg) => logTo.app?.info(obj, msg) };
  const redis = config.redisUrl ? openRedis(config.redisUrl, lateLog, { prefix: config.redisPrefix }) : null;
  const bus: EventBus = redis?.bus ?? new LocalBus();
  const telemetry = metrics.telemetry;
  let closing = false;

  const retention = new Retention({ store, clock, telemetry, lock: redis?.lock }, { ttlMs: config.messageTtlMs, purgeIntervalMs: config.purgeIntervalMs });
  const accounts = new Accounts({
    store, hasher: parts.hasher ?? argon2Hasher, random: parts.random ?? cryptoRandom, clock, bus, telemetry, eventsExpireAt: (now) => retention.expiresAt(now),
  });
  const messaging = new Messaging({ store, random: parts.random ?? cryptoRandom, clock, bus, telemetry, retention }, { maxGroupSize: config.maxGroupSize });
  const sync = new Sync({ store, clock });
  const services: Services = {
    accounts,
    messaging,
    sync,
    store,
    limits: createRateLimits(config, { redis: redis?.commands, prefix: config.redisPrefix }),
    now: () => clock.now(),
    readiness: async () => {
      if (closing) return 'The server is shutting down';
      if (redis && !redis.connected) return 'Redis does not answer';
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
  connectionLost = (err) => app.log.warn({ reason: err.message }, 'a database connection was lost; the pool opens a new one on the next call');
  logTo.app = app.log;
  const inFlight = trackInFlight(app);
  const hub = new Hub(bus, StreamLimits.streamsPerAccount);
  // Known once the server listens (a port of 0 picks a free one).
  let origins: ReadonlySet<string> = new Set();
  const presence = new Presence({ hub, bus, store, graceMs: config.presenceGraceMs, registry: redis?.presence, onError: (err) => app.log.error({ err }, 'presence failed') });
  const gateway = new StreamGateway({
    services, hub, presence, metrics: metrics.stream, log: app.log,
    origins: () => origins, bufferLimit: config.streamBufferBytes, pingIntervalMs: config.streamPingIntervalMs, authTimeoutMs: config.streamAuthTimeoutMs,
    clientAddress: clientAddress(config.trustProxy),
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
      const bound = app.server.address();
      const port = typeof bound === 'object' && bound ? bound.port : config.port;
      origins = streamOrigins({ publicUrl: config.publicUrl, host: config.host, port, allowedOrigins: config.allowedOrigins });
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
      await (redis ? redis.close() : bus.close());
      await store.close(); // commits queued writes, checkpoints the WAL
    },
  };
}
