// Rate limits on every abusable path, each a setting (config.ts): sends per
// device, group creation and changes per account, sign-ins and registrations per address,
// wrong passwords per account, unknown device names on the original API, and
// streams opened per address. Every refusal is 429 rate_limited with
// Retry-After. CHAT_RATE_LIMITS=off lifts them all.
//
// With REDIS_URL the counters live in Redis, so a limit is one limit across
// every instance. While Redis does not answer, each instance counts in its own
// memory instead (rate-limiter-flexible's insurance limiter): the limits stay
// on, each instance's share as large as the whole, rather than refusing every
// request or letting every one through.
import { BurstyRateLimiter, RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import type { Config, Rate } from '../config.js';
import { AppError, isAppError } from '../domain/errors.js';

export interface RateLimits {
  register(ip: string, name: string, email: string): Promise<void>;
  /**
   * Runs a password check for `account` (a user id, or the login as typed when
   * it names nobody) from `ip`: refused while that pair, or an account under
   * attack, is locked; a wrong password (invalid_credentials) counts against
   * both. `signIn` also counts the attempt against the address.
   */
  password<T>(ip: string, account: string, check: () => Promise<T>, options?: { signIn?: boolean }): Promise<T>;
  send(deviceId: string): Promise<void>;
  createGroup(userId: string): Promise<void>;
  /** A rename or a member added or removed by `userId` (leaving is not counted: no one is kept in a group). */
  changeGroup(userId: string): Promise<void>;
  /** Looks up a device name of the original API; a miss counts against the address. */
  legacyDevice<T>(ip: string, lookup: () => Promise<T | null>): Promise<T | null>;
  streamOpen(ip: string): Promise<void>;
}

type LimitSettings = Pick<Config, 'rateLimits' | 'rateSend' | 'rateSendBurst' | 'rateGroups' | 'rateGroupChanges' | 'rateLogins' | 'rateLoginFailures'
  | 'rateAccountFailures' | 'rateRegistrations' | 'rateUnknownDevices' | 'rateStreamOpens'>;

function rateLimited(message: string, msBeforeNext: number): AppError {
  const err = new AppError('rate_limited', message);
  err.retryAfter = Math.max(1, Math.ceil(msBeforeNext / 1000));
  return err;
}

/** Where the counters live: this process's memory, or a Redis connection shared by every instance. */
export interface LimitStore {
  /** An ioredis connection without an offline queue, so a command fails at once while Redis is away. */
  redis?: object;
  /** The deployment's prefix in Redis (CHAT_REDIS_PREFIX); the counters live under `<prefix>rl:`. */
  prefix?: string;
}

async function consume(l: RateLimiterAbstract | BurstyRateLimiter, key: string, message: string): Promise<void> {
  try {
    await l.consume(key);
  } catch (res) {
    if (!(res instanceof RateLimiterRes)) throw res;
    throw rateLimited(message, res.msBeforeNext);
  }
}

/** Whether a key has used up its points, without using one. */
async function exhausted(l: RateLimiterAbstract, key: string, points: number): Promise<RateLimiterRes | null> {
  const res = await l.get(key);
  return res && res.consumedPoints >= points ? res : null;
}

const unlimited: RateLimits = {
  register: async () => {},
  password: (_ip, _account, check) => check(),
  send: async () => {},
  createGroup: async () => {},
  changeGroup: async () => {},
  legacyDevice: (_ip, lookup) => lookup(),
  streamOpen: async () => {},
};

export function createRateLimits(config: LimitSettings, store: LimitStore = {}): RateLimits {
  if (!config.rateLimits) return unlimited;
  const limiter = (rate: Rate, keyPrefix: string): RateLimiterAbstract => {
    const options = { points: rate.points, duration: rate.durationMs / 1000, keyPrefix };
    if (!store.redis) return new RateLimiterMemory(options);
    return new RateLimiterRedis({
      ...options,
      keyPrefix: `${store.prefix ?? 'chat:'}rl:${keyPrefix}`,
      storeClient: store.redis,
      rejectIfRedisNotReady: true,
      insuranceLimiter: new RateLimiterMemory(options),
    });
  };
  const sends = new BurstyRateLimiter(limiter(config.rateSend, 'send'), limiter(config.rateSendBurst, 'send-burst'));
  const groups = limiter(config.rateGroups, 'groups');
  const groupChanges = limiter(config.rateGroupChanges, 'group-changes');
  const logins = limiter(config.rateLogins, 'login-ip');
  const pairFailures = limiter(config.rateLoginFailures, 'fail-pair');
  const accountFailures = limiter(config.rateAccountFailures, 'fail-account');
  // Which addresses failed on an account within the account's window: once the
  // account is under attack, those wait and the others (its owner) still get in.
  const failedHere = limiter({ points: Number.MAX_SAFE_INTEGER, durationMs: config.rateAccountFailures.durationMs }, 'fail-here');
  const registrations = limiter(config.rateRegistrations, 'register-ip');
  const registrationsByName = limiter({ points: 3, durationMs: 600_000 }, 'register-name');
  const unknownDevices = limiter(config.rateUnknownDevices, 'legacy-device');
  const streams = limiter(config.rateStreamOpens, 'stream-ip');

  async function refuseLocked(ip: string, account: string): Promise<void> {
    const pair = `${account}\n${ip}`;
    const own = await exhausted(pairFailures, pair, config.rateLoginFailures.points);
    if (own) throw rateLimited('Too many wrong passwords for this account from this address; try again later', own.msBeforeNext);
    const attacked = await exhausted(accountFailures, account, config.rateAccountFailures.points);
    const here = attacked && (await failedHere.get(pair));
    if (attacked && here && here.consumedPoints > 0) {
      throw rateLimited('Too many wrong passwords for this account; try again later', Math.min(attacked.msBeforeNext, here.msBeforeNext));
    }
  }

  async function countFailure(ip: string, account: string): Promise<void> {
    const pair = `${account}\n${ip}`;
    await Promise.all([pairFailures.penalty(pair), accountFailures.penalty(account), failedHere.penalty(pair)]);
  }

  return {
    async register(ip, name, email) {
      await consume(registrations, ip, 'Too many accounts registered from this address; try again later');
      await consume(registrationsByName, name.toLowerCase(), 'Too many attempts for this name; try again later');
      await consume(registrationsByName, email.toLowerCase(), 'Too many attempts for this email; try again later');
    },
    async password(ip, account, check, options = {}) {
      if (options.signIn) await consume(logins, ip, 'Too many sign-in attempts from this address; try again later');
      await refuseLocked(ip, account);
      try {
        return await check();
      } catch (err) {
        if (isAppError(err) && err.code === 'invalid_credentials') await countFailure(ip, account);
        throw err;
      }
    },
    send: (deviceId) => consume(sends, deviceId, 'Too many messages from this device; slow down'),
    createGroup: (userId) => consume(groups, userId, 'Too many groups created; try again later'),
    changeGroup: (userId) => consume(groupChanges, userId, 'Too many group changes; try again later'),
    async legacyDevice(ip, lookup) {
      const blocked = await exhausted(unknownDevices, ip, config.rateUnknownDevices.points);
      if (blocked) throw rateLimited('Too many unknown device names from this address; try again later', blocked.msBeforeNext);
      const found = await lookup();
      if (found === null) await unknownDevices.penalty(ip);
      return found;
    },
    streamOpen: (ip) => consume(streams, ip, 'Too many streams opened from this address; try again later'),
  };
}
