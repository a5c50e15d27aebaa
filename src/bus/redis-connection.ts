// One ioredis connection as every Redis part of the server wants it: it
// reconnects by itself for ever (at most a second apart, so an instance is
// back within about a second of Redis), and says once when Redis goes away and
// once when it is back - never its URL, which may hold a password.
import { Redis, type RedisOptions } from 'ioredis';

export interface RedisLog {
  warn(obj: object, msg: string): void;
  info(obj: object, msg: string): void;
}

const RECONNECT_MAX_MS = 1_000;

export function connectRedis(url: string, name: string, log: RedisLog | undefined, options: RedisOptions = {}): Redis {
  const client = new Redis(url, {
    connectionName: `chat-api:${name}`,
    retryStrategy: (attempt) => Math.min(50 * 2 ** attempt, RECONNECT_MAX_MS),
    ...options,
  });
  let down = false;
  client.on('error', (err: NodeJS.ErrnoException) => {
    if (down) return;
    down = true;
    log?.warn({ redis: name, err: { message: err.message, code: err.code } }, 'Redis unreachable');
  });
  client.on('ready', () => {
    if (!down) return;
    down = false;
    log?.info({ redis: name }, 'Redis reachable again');
  });
  return client;
}

/** Ends a connection: QUIT when it is up (what was written goes out first), or at once when it is not. */
export async function endRedis(client: Redis, graceMs = 1_000): Promise<void> {
  if (client.status === 'ready') {
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([client.quit().catch(() => undefined), new Promise((resolve) => (timer = setTimeout(resolve, graceMs)))]);
    clearTimeout(timer);
  }
  client.disconnect();
}
