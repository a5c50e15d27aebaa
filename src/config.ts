// Environment variables and `chat-api serve` flags -> one typed, validated Config.
// Nothing else reads process.env. A bad value stops the server at start with one
// line naming the variable and what it accepts.
import proxyaddr from '@fastify/proxy-addr';

export interface Config {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | null;
  dbPoolSize: number;
  redisUrl: string | null;
  /** Put before every key and channel in Redis, so deployments can share one Redis. */
  redisPrefix: string;
  messageTtlMs: number;
  purgeIntervalMs: number;
  legacyApi: boolean;
  allowedOrigins: string[];
  /** Proxies whose X-Forwarded-For names the client (addresses, CIDR ranges, or loopback/linklocal/uniquelocal). */
  trustProxy: string[];
  logLevel: LogLevel;
  rateLimits: boolean;
  bodyLimitBytes: number;
  streamPingIntervalMs: number;
  streamBufferBytes: number;
  presenceGraceMs: number;
  publicUrl: string | null;
  requestTimeoutMs: number;
  headersTimeoutMs: number;
  streamAuthTimeoutMs: number;
  maxGroupSize: number;
  rateSend: Rate;
  rateSendBurst: Rate;
  rateGroups: Rate;
  rateGroupChanges: Rate;
  rateLogins: Rate;
  rateLoginFailures: Rate;
  rateAccountFailures: Rate;
  rateRegistrations: Rate;
  rateUnknownDevices: Rate;
  rateStreamOpens: Rate;
}

/** At most `points` in any window of `durationMs`. */
export interface Rate {
  points: number;
  durationMs: number;
}

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export class ConfigError extends Error {}

interface Setting<K extends keyof Config> {
  key: K;
  env: string;
  flag: string;
  default: string;
  accepts: string;
  help: string;
  parse(raw: string): Config[K] | undefined;
}

const UNITS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/** `90s`, `15m`, `2h`, `7d`, `250ms` or a plain number of milliseconds. */
export function parseDuration(raw: string): number | undefined {
  const m = /^\s*(\d+(?:\.\d+)?)\s*(ms|s|m|h|d)?\s*$/.exec(raw);
  if (!m) return undefined;
  const ms = Number(m[1]) * UNITS[m[2] ?? 'ms']!;
  return Number.isFinite(ms) && ms <= 10 * 365 * UNITS.d! ? Math.round(ms) : undefined;
}

/** `10/s`, `50/1m`, `10/10m`: a count per window of at least a second. */
export function parseRate(raw: string): Rate | undefined {
  const m = /^\s*(\d{1,7})\s*\/\s*(\d*(?:\.\d+)?)\s*(ms|s|m|h|d)\s*$/.exec(raw);
  if (!m) return undefined;
  const durationMs = parseDuration(`${m[2] || '1'}${m[3]}`);
  const points = Number(m[1]);
  return durationMs !== undefined && durationMs >= 1000 && points >= 1 ? { points, durationMs } : undefined;
}

function parseBool(raw: string): boolean | undefined {
  const v = raw.trim().toLowerCase();
  if (['1', 'true', 'on', 'yes'].includes(v)) return true;
  if (['0', 'false', 'off', 'no'].includes(v)) return false;
  return undefined;
}

function parseUrl(protocols: string[]) {
  return (raw: string): string | null | undefined => {
    if (raw.trim() === '') return null;
    try {
      return protocols.includes(new URL(raw).protocol) ? raw : undefined;
    } catch {
      return undefined;
    }
  };
}

function setting<K extends keyof Config>(s: Setting<K>): Setting<K> {
  return s;
}

function minDuration(minMs: number) {
  return (raw: string): number | undefined => {
    const ms = parseDuration(raw);
    return ms !== undefined && ms >= minMs ? ms : undefined;
  };
}

type RateKey = { [K in keyof Config]: Config[K] extends Rate ? K : never }[keyof Config];

/** A rate limit's setting: off with every other under CHAT_RATE_LIMITS=off. */
function rate<K extends RateKey>(key: K, env: string, flag: string, byDefault: string, what: string): Setting<K> {
  return setting({ key, env, flag, default: byDefault, accepts: 'a count per window like 10/1s, 50/1m, 100/1h', help: `${what} (count/window)`,
    parse: (r) => parseRate(r) as Config[K] | undefined });
}

export const SETTINGS = [
  setting({ key: 'port', env: 'PORT', flag: 'port', default: '3000', accepts: 'a port number 0-65535', help: 'TCP port to listen on',
    parse: (r) => (/^\d{1,5}$/.test(r.trim()) && Number(r) <= 65535 ? Number(r) : undefined) }),
  setting({ key: 'host', env: 'HOST', flag: 'host', default: '127.0.0.1', accepts: 'a host name or IP address', help: 'address to listen on',
    parse: (r) => (/^[A-Za-z0-9.:[\]-]+$/.test(r.trim()) ? r.trim() : undefined) }),
  setting({ key: 'dataDir', env: 'CHAT_DATA_DIR', flag: 'data-dir', default: './data', accepts: 'a directory path', help: 'where the SQLite file lives (created if missing)',
    parse: (r) => (r.trim() ? r.trim() : undefined) }),
  setting({ key: 'databaseUrl', env: 'DATABASE_URL', flag: 'database-url', default: '', accepts: 'a postgres:// or postgresql:// URL', help: 'use PostgreSQL instead of SQLite',
    parse: parseUrl(['postgres:', 'postgresql:']) }),
  setting({ key: 'dbPoolSize', env: 'CHAT_DB_POOL_SIZE', flag: 'db-pool-size', default: '10', accepts: 'a number from 1 to 1000',
    help: 'most PostgreSQL connections one instance opens',
    parse: (r) => (/^\d+$/.test(r.trim()) && Number(r) >= 1 && Number(r) <= 1000 ? Number(r) : undefined) }),
  setting({ key: 'redisUrl', env: 'REDIS_URL', flag: 'redis-url', default: '', accepts: 'a redis:// or rediss:// URL', help: 'Redis shared by several server instances (events, revocations, presence, rate limits, the purge lock)',
    parse: parseUrl(['redis:', 'rediss:']) }),
  setting({ key: 'redisPrefix', env: 'CHAT_REDIS_PREFIX', flag: 'redis-prefix', default: 'chat:', accepts: '1-64 characters of A-Z a-z 0-9 _ . : -',
    help: 'put before every Redis key and channel: the same on every instance of a deployment, another for another deployment sharing the Redis',
    parse: (r) => (/^[A-Za-z0-9_.:-]{1,64}$/.test(r.trim()) ? r.trim() : undefined) }),
  setting({ key: 'messageTtlMs', env: 'CHAT_MESSAGE_TTL', flag: 'message-ttl', default: '2h', accepts: 'a duration of at least 1s like 90s, 15m, 2h, 7d (a bare number is milliseconds), or 0 to keep messages forever', help: 'how long a message is kept',
    // A TTL under a second is a unit forgotten (`2` is 2 ms), never a wish.
    parse: (r) => { const ms = parseDuration(r); return ms === 0 || (ms !== undefined && ms >= 1000) ? ms : undefined; } }),
  setting({ key: 'purgeIntervalMs', env: 'CHAT_PURGE_INTERVAL', flag: 'purge-interval', default: '60m', accepts: 'a duration of at least 1s like 90s, 15m, 1h', help: 'how often expired messages are purged',
    parse: (r) => { const ms = parseDuration(r); return ms !== undefined && ms >= 1000 ? ms : undefined; } }),
  setting({ key: 'legacyApi', env: 'CHAT_LEGACY_API', flag: 'legacy-api', default: '1', accepts: '1/0, on/off, true/false', help: 'serve the original /api/* endpoints',
    parse: parseBool }),
  setting({ key: 'allowedOrigins', env: 'CHAT_ALLOWED_ORIGINS', flag: 'allowed-origins', default: '', accepts: 'comma-separated origins like https://chat.example.com', help: 'other origins allowed to open the stream',
    parse: (r) => {
      const list = r.split(',').map((s) => s.trim()).filter(Boolean);
      return list.every((o) => /^https?:\/\/[^/\s]+$/.test(o)) ? list : undefined;
    } }),
  setting({ key: 'trustProxy', env: 'CHAT_TRUST_PROXY', flag: 'trust-proxy', default: '', accepts: 'comma-separated addresses or CIDR ranges like 127.0.0.1,10.0.0.0/8, or loopback',
    help: 'proxies in front (nginx) whose X-Forwarded-For gives the client address, for per-address limits and logs',
    parse: (r) => {
      const list = r.split(',').map((s) => s.trim()).filter(Boolean);
      try {
        proxyaddr.compile(list); // throws on anything that is not an address, a range or a known name
        return list;
      } catch {
        return undefined;
      }
    } }),
  setting({ key: 'logLevel', env: 'LOG_LEVEL', flag: 'log-level', default: 'info', accepts: LOG_LEVELS.join(', '), help: 'log verbosity',
    parse: (r) => (LOG_LEVELS as readonly string[]).includes(r.trim()) ? (r.trim() as LogLevel) : undefined }),
  setting({ key: 'rateLimits', env: 'CHAT_RATE_LIMITS', flag: 'rate-limits', default: 'on', accepts: 'on or off', help: 'off lifts every rate limit (benchmarks and load tests only)',
    parse: parseBool }),
  setting({ key: 'bodyLimitBytes', env: 'CHAT_BODY_LIMIT', flag: 'body-limit', default: '65536', accepts: 'a number of bytes from 1024 to 10485760', help: 'largest request body accepted (413 above)',
    parse: (r) => (/^\d+$/.test(r.trim()) && Number(r) >= 1024 && Number(r) <= 10_485_760 ? Number(r) : undefined) }),
  setting({ key: 'streamPingIntervalMs', env: 'CHAT_STREAM_PING_INTERVAL', flag: 'stream-ping-interval', default: '30s', accepts: 'a duration of at least 100ms like 30s',
    help: 'how often idle streams are pinged; one that misses a ping is dropped',
    parse: (r) => { const ms = parseDuration(r); return ms !== undefined && ms >= 100 ? ms : undefined; } }),
  setting({ key: 'streamBufferBytes', env: 'CHAT_STREAM_BUFFER', flag: 'stream-buffer', default: '1048576', accepts: 'a number of bytes from 16384 to 67108864',
    help: 'send buffer of one stream; a reader that falls this far behind is closed with 4408',
    parse: (r) => (/^\d+$/.test(r.trim()) && Number(r) >= 16_384 && Number(r) <= 67_108_864 ? Number(r) : undefined) }),
  setting({ key: 'presenceGraceMs', env: 'CHAT_PRESENCE_GRACE', flag: 'presence-grace', default: '5s', accepts: 'a duration like 5s, or 0',
    help: 'how long a user with no stream left stays online, so a reconnect does not flap',
    parse: parseDuration }),
  setting({ key: 'publicUrl', env: 'CHAT_PUBLIC_URL', flag: 'public-url', default: '', accepts: 'an http:// or https:// URL',
    help: 'the URL users reach the server at, whose origin may open the stream (none: http://HOST:PORT)',
    parse: parseUrl(['http:', 'https:']) }),
  setting({ key: 'requestTimeoutMs', env: 'CHAT_REQUEST_TIMEOUT', flag: 'request-timeout', default: '30s', accepts: 'a duration of at least 100ms like 30s',
    help: 'a request whose body has not arrived by then is answered 408 and closed',
    parse: minDuration(100) }),
  setting({ key: 'headersTimeoutMs', env: 'CHAT_HEADERS_TIMEOUT', flag: 'headers-timeout', default: '10s', accepts: 'a duration of at least 100ms like 10s',
    help: 'the same for the request line and headers (at most the request timeout)',
    parse: minDuration(100) }),
  setting({ key: 'streamAuthTimeoutMs', env: 'CHAT_STREAM_AUTH_TIMEOUT', flag: 'stream-auth-timeout', default: '5s', accepts: 'a duration of at least 100ms like 5s',
    help: 'how long a stream may take to send its auth frame before it is closed with 4401',
    parse: minDuration(100) }),
  setting({ key: 'maxGroupSize', env: 'CHAT_MAX_GROUP_SIZE', flag: 'max-group-size', default: '1000', accepts: 'a number from 2 to 100000',
    help: 'most members a group may have',
    parse: (r) => (/^\d+$/.test(r.trim()) && Number(r) >= 2 && Number(r) <= 100_000 ? Number(r) : undefined) }),
  rate('rateSend', 'CHAT_RATE_SEND', 'rate-send', '10/1s', 'messages a device may send (sustained)'),
  rate('rateSendBurst', 'CHAT_RATE_SEND_BURST', 'rate-send-burst', '50/1m', 'messages a device may send beyond that, as a burst'),
  rate('rateGroups', 'CHAT_RATE_GROUPS', 'rate-groups', '20/1h', 'groups an account may create'),
  rate('rateGroupChanges', 'CHAT_RATE_GROUP_CHANGES', 'rate-group-changes', '30/1m', 'renames and member changes an account may make (leaving is never limited)'),
  rate('rateLogins', 'CHAT_RATE_LOGINS', 'rate-logins', '30/1m', 'sign-in attempts from one address'),
  rate('rateLoginFailures', 'CHAT_RATE_LOGIN_FAILURES', 'rate-login-failures', '10/1m', 'wrong passwords for one account from one address'),
  rate('rateAccountFailures', 'CHAT_RATE_ACCOUNT_FAILURES', 'rate-account-failures', '100/1h',
    'wrong passwords for one account from all addresses; then only clean addresses may try'),
  rate('rateRegistrations', 'CHAT_RATE_REGISTRATIONS', 'rate-registrations', '10/10m', 'accounts registered from one address'),
  rate('rateUnknownDevices', 'CHAT_RATE_UNKNOWN_DEVICES', 'rate-unknown-devices', '20/1m', 'unknown device names tried on /api/* from one address'),
  rate('rateStreamOpens', 'CHAT_RATE_STREAMS', 'rate-streams', '120/1m', 'streams opened from one address'),
] as const;

/**
 * Builds the Config from flags (which win) and environment variables.
 * Throws ConfigError with one line naming the variable and what it accepts.
 */
export function loadConfig(env: Record<string, string | undefined>, flags: Record<string, string | undefined> = {}): Config {
  const config = {} as Record<string, unknown>;
  for (const s of SETTINGS) {
    const fromFlag = flags[s.flag];
    const raw = fromFlag ?? env[s.env] ?? s.default;
    const value = (s.parse as (r: string) => unknown)(raw);
    if (value === undefined) {
      const source = fromFlag !== undefined ? `--${s.flag}` : s.env;
      throw new ConfigError(`${source}=${JSON.stringify(raw)} is not valid: expected ${s.accepts}`);
    }
    config[s.key] = value;
  }
  const result = config as unknown as Config;
  // Node refuses a headers timeout longer than the request timeout.
  result.headersTimeoutMs = Math.min(result.headersTimeoutMs, result.requestTimeoutMs);
  return result;
}

/** The settings table for --help and the README. */
export function settingsHelp(): string {
  const flagWidth = Math.max(...SETTINGS.map((s) => s.flag.length)) + 2;
  const envWidth = Math.max(...SETTINGS.map((s) => s.env.length));
  return SETTINGS.map((s) => `  ${`--${s.flag}`.padEnd(flagWidth)}  ${s.env.padEnd(envWidth)}  ${s.help} (default: ${s.default || 'none'})`).join('\n');
}

/** Defaults with overrides: for tests and the bench. */
export function testConfig(overrides: Partial<Config> = {}): Config {
  return { ...loadConfig({}), logLevel: 'silent', ...overrides };
}
