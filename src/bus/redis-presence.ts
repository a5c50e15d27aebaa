// Who is online on any instance, in Redis: one hash per user, a field per
// instance holding a stream of theirs, valued with when that claim expires.
// Each instance renews its claims while it holds them, so the claims of an
// instance that died without leaving expire by themselves. The scripts read
// Redis's own clock, so instances' clocks need not agree.
import type { Redis } from 'ioredis';
import type { PresenceRegistry } from '../domain/ports/index.js';

/** Sets this instance's claim; returns how many other live claims there were (and drops the expired ones). */
const JOIN = `
local t = redis.call('time')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local others = 0
local all = redis.call('hgetall', KEYS[1])
for i = 1, #all, 2 do
  if all[i] ~= ARGV[1] then
    if tonumber(all[i + 1]) > now then others = others + 1 else redis.call('hdel', KEYS[1], all[i]) end
  end
end
redis.call('hset', KEYS[1], ARGV[1], now + tonumber(ARGV[2]))
redis.call('pexpire', KEYS[1], ARGV[2])
return others`;

/** Drops this instance's claim; returns how many live claims are left. */
const LEAVE = `
local t = redis.call('time')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
redis.call('hdel', KEYS[1], ARGV[1])
local left = 0
local all = redis.call('hgetall', KEYS[1])
for i = 1, #all, 2 do
  if tonumber(all[i + 1]) > now then left = left + 1 end
end
return left`;

/** For each key, 1 when it holds a live claim. */
const ONLINE = `
local t = redis.call('time')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local result = {}
for k = 1, #KEYS do
  result[k] = 0
  local values = redis.call('hvals', KEYS[k])
  for i = 1, #values do
    if tonumber(values[i]) > now then result[k] = 1 end
  end
end
return result`;

export interface RedisPresenceOptions {
  instanceId: string;
  prefix?: string;
  /** How long a claim lives without renewal: an instance that died is thought online this long. */
  ttlMs?: number;
}

export class RedisPresence implements PresenceRegistry {
  private held = new Set<string>();
  private renewal: NodeJS.Timeout;
  private ttlMs: number;

  constructor(
    private redis: Redis,
    private options: RedisPresenceOptions,
  ) {
    this.ttlMs = options.ttlMs ?? 30_000;
    this.renewal = setInterval(() => this.renew(), this.ttlMs / 3);
    this.renewal.unref();
  }

  async join(userId: string): Promise<boolean> {
    this.held.add(userId);
    const others = (await this.redis.eval(JOIN, 1, this.keyOf(userId), this.options.instanceId, this.ttlMs)) as number;
    return others === 0;
  }

  async leave(userId: string): Promise<boolean> {
    this.held.delete(userId);
    const left = (await this.redis.eval(LEAVE, 1, this.keyOf(userId), this.options.instanceId)) as number;
    return left === 0;
  }

  async online(userIds: string[]): Promise<Set<string>> {
    if (userIds.length === 0) return new Set();
    const flags = (await this.redis.eval(ONLINE, userIds.length, ...userIds.map((id) => this.keyOf(id)))) as number[];
    return new Set(userIds.filter((_, i) => flags[i] === 1));
  }

  /** Stops renewing; the claims left expire (the server's close left every stream first). */
  stop(): void {
    clearInterval(this.renewal);
  }

  /** Renews every claim this instance holds; a claim lost while Redis was away is made again. */
  private renew(): void {
    for (const userId of this.held) {
      this.redis.eval(JOIN, 1, this.keyOf(userId), this.options.instanceId, this.ttlMs).catch(() => undefined);
    }
  }

  private keyOf(userId: string): string {
    return `${this.options.prefix ?? 'chat:'}presence:${userId}`;
  }
}
