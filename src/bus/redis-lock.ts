// A job lock on Redis: SET NX PX with a token only this holder knows, renewed
// while the job runs and released by compare-and-delete, so a holder never
// frees a lock that expired and went to another. Should renewal fail (Redis
// away) the lock may expire mid-job and another instance start the same job:
// the purge tolerates that (deleting what is already deleted does nothing), it
// only must not run everywhere at every round.
import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { JobLock } from '../domain/ports/index.js';

const RENEW = "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('pexpire', KEYS[1], ARGV[2]) else return 0 end";
const RELEASE = "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end";

export class RedisLock implements JobLock {
  constructor(
    private redis: Redis,
    private options: { prefix?: string; ttlMs?: number } = {},
  ) {}

  async runAlone<T>(name: string, job: () => Promise<T>): Promise<T | null> {
    const key = `${this.options.prefix ?? 'chat:'}lock:${name}`;
    const ttlMs = this.options.ttlMs ?? 30_000;
    const token = randomUUID();
    try {
      if ((await this.redis.set(key, token, 'PX', ttlMs, 'NX')) !== 'OK') return null;
    } catch {
      return null; // Redis away: skip this round rather than run on every instance at once
    }
    const renew = setInterval(() => this.redis.eval(RENEW, 1, key, token, ttlMs).catch(() => undefined), ttlMs / 3);
    renew.unref();
    try {
      return await job();
    } finally {
      clearInterval(renew);
      await this.redis.eval(RELEASE, 1, key, token).catch(() => undefined);
    }
  }
}
