// Environment variables and `chat-api serve` flags -> one typed, validated Config.
// Nothing else reads process.env. A bad value stops the server at start with one
// line naming the variable and what it accepts.

export interface Config {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | null;
  redisUrl: string | null;
  messageTtlMs: number;
  purgeIntervalMs: number;
  legacyApi: boolean;
  allowedOrigins: string[];
  logLevel: LogLevel;
  rateLimits: boolean;
  bodyLimitBytes: number;
  streamPingIntervalMs: number;
  streamBufferBytes: number;
  presenceGraceMs: number;
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

export const SETTINGS = [
  setting({ key: 'port', env: 'PORT', flag: 'port', default: '3000', accepts: 'a port number 0-65535', help: 'TCP port to listen on',
    parse: (r) => (/^\d{1,5}$/.test(r.trim()) && Number(r) <= 65535 ? Number(r) : undefined) }),
  setting({ key: 'host', env: 'HOST', flag: 'host', default: '127.0.0.1', accepts: 'a host name or IP address', help: 'address to listen on',
    parse: (r) => (/^[A-Za-z0-9.:[\]-]+$/.test(r.trim()) ? r.trim() : undefined) }),
  setting({ key: 'dataDir', env: 'CHAT_DATA_DIR', flag: 'data-dir', default: './data', accepts: 'a directory path', help: 'where the SQLite file lives (created if missing)',
    parse: (r) => (r.trim() ? r.trim() : undefined) }),
  setting({ key: 'databaseUrl', env: 'DATABASE_URL', flag: 'database-url', default: '', accepts: 'a postgres:// or postgresql:// URL', help: 'use PostgreSQL instead of SQLite',
    parse: parseUrl(['postgres:', 'postgresql:']) }),
  setting({ key: 'redisUrl', env: 'REDIS_URL', flag: 'redis-url', default: '', accepts: 'a redis:// or rediss:// URL', help: 'Redis for fan-out across server instances',
    parse: parseUrl(['redis:', 'rediss:']) }),
  setting({ key: 'messageTtlMs', env: 'CHAT_MESSAGE_TTL', flag: 'message-ttl', default: '2h', accepts: 'a duration like 90s, 15m, 2h, 7d, milliseconds, or 0 to keep messages forever', help: 'how long a message is kept',
    parse: parseDuration }),
  setting({ key: 'purgeIntervalMs', env: 'CHAT_PURGE_INTERVAL', flag: 'purge-interval', default: '60m', accepts: 'a duration of at least 1s like 90s, 15m, 1h', help: 'how often expired messages are purged',
    parse: (r) => { const ms = parseDuration(r); return ms !== undefined && ms >= 1000 ? ms : undefined; } }),
  setting({ key: 'legacyApi', env: 'CHAT_LEGACY_API', flag: 'legacy-api', default: '1', accepts: '1/0, on/off, true/false', help: "serve the seed's /api/* endpoints",
    parse: parseBool }),
  setting({ key: 'allowedOrigins', env: 'CHAT_ALLOWED_ORIGINS', flag: 'allowed-origins', default: '', accepts: 'comma-separated origins like https://chat.example.com', help: 'other origins allowed to open the stream',
    parse: (r) => {
      const list = r.split(',').map((s) => s.trim()).filter(Boolean);
      return list.every((o) => /^https?:\/\/[^/\s]+$/.test(o)) ? list : undefined;
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
  return config as unknown as Config;
}

/** The settings table for --help and the README. */
export function settingsHelp(): string {
  return SETTINGS.map((s) => `  --${s.flag.padEnd(16)} ${s.env.padEnd(22)} ${s.help} (default: ${s.default || 'none'})`).join('\n');
}

/** Defaults with overrides: for tests and the bench. */
export function testConfig(overrides: Partial<Config> = {}): Config {
  return { ...loadConfig({}), logLevel: 'silent', ...overrides };
}
