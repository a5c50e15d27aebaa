// The group size limit, decided by the domain's policy inside the store's
// write: Messaging with a small maxGroupSize on a real SQLite store.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { ManualClock } from '../../src/adapters/clock.js';
import { cryptoRandom } from '../../src/adapters/random.js';
import { LocalBus } from '../../src/bus/local.js';
import { Messaging } from '../../src/domain/messaging.js';
import type { Session, Store, Telemetry } from '../../src/domain/ports/index.js';
import { Retention } from '../../src/domain/retention.js';
import { openSqliteStore } from '../../src/store/sqlite/index.js';
import { tempDir } from '../helpers/server.js';

const telemetry: Telemetry = { messageSent() {}, login() {}, purged() {} };
const NOW = Date.parse('2026-11-23T10:00:00.000Z');

describe('a group has at most maxGroupSize members', () => {
  const dir = tempDir();
  let store: Store;
  let messaging: Messaging;
  const sessions = new Map<string, Session>();
  const session = (name: string) => sessions.get(name)!;

  before(async () => {
    store = await openSqliteStore(dir);
    const clock = new ManualClock(NOW);
    const retention = new Retention({ store, clock, telemetry }, { ttlMs: 0, purgeIntervalMs: 60_000 });
    messaging = new Messaging({ store, random: cryptoRandom, clock, bus: new LocalBus(), telemetry, retention }, { maxGroupSize: 3 });
    for (const name of ['ann', 'bob', 'cat', 'dan']) {
      const user = { id: `size-${name}`, name, email: `${name}@example.com`, passwordHash: 'x', createdAt: NOW };
      await store.accounts.create(user);
      sessions.set(name, { user, device: { id: `dev-${name}`, userId: user.id, name: 'd', createdAt: NOW, lastSeenAt: NOW } });
    }
  });
  after(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const forbidden = (limit: number) => (e: { code?: string; status?: number; message?: string }) =>
    e.code === 'forbidden' && e.status === 403 && e.message === `A group has at most ${limit} members`;

  it('creating a larger group is refused, saying the limit', async () => {
    await assert.rejects(messaging.createGroup(session('ann'), 'big', ['bob', 'cat', 'dan']), forbidden(3));
    assert.deepEqual(await store.conversations.list(session('ann').user.id, NOW), []);
  });

  it('a full group refuses a newcomer, not a member added again', async () => {
    const group = await messaging.createGroup(session('ann'), 'full', ['bob', 'cat']);
    assert.equal(group.members.length, 3);
    await assert.rejects(messaging.addMember(session('bob'), group.id, 'dan'), forbidden(3));
    assert.equal((await messaging.addMember(session('bob'), group.id, 'cat')).members.length, 3);
    await messaging.removeMember(session('cat'), group.id, session('cat').user.id);
    assert.equal((await messaging.addMember(session('bob'), group.id, 'dan')).members.length, 3, 'room again once one left');
  });
});
