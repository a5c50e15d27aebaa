// Two chat-api instances on one PostgreSQL and one Redis, started at the same
// moment on a fresh database: what crosses from one to the other, and what
// happens when Redis, PostgreSQL or both instances go away mid-run.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { StreamEvent } from '../../src/contract/index.js';
import { eventually, readiness, startCluster, type Cluster } from '../helpers/cluster.js';
import { isType, openStream } from '../helpers/stream.js';
import { until } from '../helpers/until.js';

const isMessage = (body: string) => (e: StreamEvent) => e.type === 'message' && e.message.body === body;

describe('several instances', { concurrency: false, timeout: 180_000 }, () => {
  let c: Cluster;
  before(async () => (c = await startCluster(2)));
  after(() => c.close());
  const url = (i: number) => c.instances[i]!.url;

  it('started together on a fresh database, both serve; an event committed through one reaches streams on the other, both ways', async () => {
    assert.deepEqual(await Promise.all([readiness(url(0)), readiness(url(1))]), [200, 200]);
    const alice = await c.user('mi-alice', 0);
    const bob = await c.user('mi-bob', 1);
    const aliceStream = openStream(url(0), { token: alice.token! });
    const bobStream = openStream(url(1), { token: bob.token! });
    await Promise.all([aliceStream.next(isType('ready')), bobStream.next(isType('ready'))]);

    const there = await alice.send({ to: 'mi-bob', body: 'from instance 0' });
    const got = await bobStream.next(isMessage('from instance 0'));
    assert.ok(got.type === 'message' && got.message.id === there.id);
    await bob.send({ conversationId: there.conversationId, body: 'from instance 1' });
    await aliceStream.next(isMessage('from instance 1'));
    // Typing and receipts cross too.
    bobStream.send({ type: 'typing', conversationId: there.conversationId });
    assert.equal((await aliceStream.next(isType('typing'))).type, 'typing');
    await alice.markRead(there.conversationId, there.id);
    assert.equal((await bobStream.next(isType('receipt'))).type, 'receipt');
    aliceStream.close();
    bobStream.close();
  });

  it('under concurrent writes through both instances, streams on each and readers paging sync on each see every event once, in order', async () => {
    const names = ['ms-a', 'ms-b', 'ms-c', 'ms-d'];
    const writers = await Promise.all(names.map((n, i) => c.user(n, i % 2)));
    const readers = await Promise.all(names.map((n, i) => c.user(n, (i + 1) % 2, 'reader')));
    const group = await writers[0]!.createGroup('Busy', names.slice(1));
    const streams = readers.map((r, i) => openStream(url((i + 1) % 2), { token: r.token! }));
    await Promise.all(streams.map((s) => s.next(isType('ready'))));

    const perWriter = 25;
    const sent = await Promise.all(writers.map(async (w, i) => {
      const ids: string[] = [];
      for (let k = 0; k < perWriter; k++) ids.push((await w.send({ conversationId: group.id, body: `w${i} m${k}` })).id);
      return ids;
    }));
    const all = new Set(sent.flat());
    assert.equal(all.size, writers.length * perWriter);

    for (const [i, s] of streams.entries()) {
      const seen: string[] = [];
      while (seen.length < all.size) {
        const e = await s.next(isType('message'), 20_000);
        if (e.type === 'message') seen.push(e.message.id);
      }
      assert.equal(new Set(seen).size, seen.length, `stream ${i}: no repeats`);
      assert.deepEqual(new Set(seen), all, `stream ${i}: every message`);
      s.close();
    }
    for (const [i, r] of readers.entries()) {
      const seen: string[] = [];
      const cursors: string[] = [];
      let since: string | undefined;
      for (;;) {
        const page = await r.sync({ since, limit: 7 });
        for (const e of page.events) {
          cursors.push(e.cursor);
          if (e.type === 'message' && e.message.conversationId === group.id) seen.push(e.message.id);
        }
        since = page.cursor;
        if (!page.hasMore) break;
      }
      assert.equal(new Set(cursors).size, cursors.length, `reader ${i}: no event twice`);
      assert.deepEqual(new Set(seen), all, `reader ${i}: every message`);
    }
  });

  it('a device revoked through one instance: its token fails there at once and on the other within 1.5 s, and its stream on the other closes within 1.5 s', async () => {
    const phone = await c.user('mr-owner', 1, 'phone');
    const laptop = await c.user('mr-owner', 0, 'laptop');
    const s = openStream(url(1), { token: phone.token! });
    await s.next(isType('ready'));
    // Both instances have the token's session cached.
    await phone.me();
    await c.instances[0]!.client(phone.token!).me();
    const closed = s.closed;
    const status = async (i: number) => (await fetch(`${url(i)}/v1/me`, { headers: { authorization: `Bearer ${phone.token}` } })).status;
    await laptop.revokeDevice(phone.deviceId);
    // Timed from the acknowledgement; the revoking instance refuses the token at once,
    // the other as soon as the revocation crosses Redis (never on the cache's expiry: 5 s).
    const started = Date.now();
    assert.equal(await status(0), 401, 'at once where it was revoked');
    await until(async () => (await status(1)) === 401, 'the other instance refuses the token', 1_500);
    const { code } = await closed;
    assert.equal(code, 4401);
    assert.ok(Date.now() - started < 1_500, `closed after ${Date.now() - started} ms`);
  });

  it('Redis stopped and started again: both are not ready meanwhile, local delivery goes on, and streams on the other instance get what they missed', async () => {
    const ann = await c.user('mx-ann', 0);
    const ben = await c.user('mx-ben', 1);
    const benLocal = await c.user('mx-ben', 0, 'same instance as ann');
    const far = openStream(url(1), { token: ben.token! });
    const near = openStream(url(0), { token: benLocal.token! });
    await Promise.all([far.next(isType('ready')), near.next(isType('ready'))]);

    await c.redis.stop();
    await eventually('both instances to say they are not ready', async () =>
      ((await readiness(url(0))) === 503 && (await readiness(url(1))) === 503) || undefined);
    const during = await ann.send({ to: 'mx-ben', body: 'while redis is away' });
    await near.next(isMessage('while redis is away')); // same instance: no Redis needed

    await c.redis.start();
    await eventually('both instances ready again', async () =>
      ((await readiness(url(0))) === 200 && (await readiness(url(1))) === 200) || undefined, 30_000);
    const missed = await far.next(isMessage('while redis is away'), 20_000);
    assert.ok(missed.type === 'message' && missed.message.id === during.id, 'filled from the database by position');
    await ann.send({ to: 'mx-ben', body: 'after redis is back' });
    await far.next(isMessage('after redis is back'), 10_000);
    const history = await ben.history(during.conversationId);
    assert.deepEqual(history.messages.map((m) => m.body), ['while redis is away', 'after redis is back']);
    far.close();
    near.close();
  });

  it('PostgreSQL stopped and started again: 503 unavailable meanwhile, never another 5xx; both recover by themselves, nothing acknowledged is lost', async () => {
    const cy = await c.user('mp-cy', 0);
    const di = await c.user('mp-di', 1);
    const before = await cy.send({ to: 'mp-di', body: 'before the outage' });

    await c.postgres.stop();
    for (const i of [0, 1]) {
      const answer = await fetch(`${url(i)}/v1/conversations`, { headers: { authorization: `Bearer ${i === 0 ? cy.token : di.token}` } });
      // A session cached before the outage may still pass authentication; the read then fails: 503 either way.
      assert.equal(answer.status, 503, `instance ${i}`);
      assert.equal(((await answer.json()) as { error: { code: string } }).error.code, 'unavailable');
    }
    await eventually('both instances to say they are not ready', async () =>
      ((await readiness(url(0))) === 503 && (await readiness(url(1))) === 503) || undefined);

    await c.postgres.start();
    await eventually('both instances ready again', async () =>
      ((await readiness(url(0))) === 200 && (await readiness(url(1))) === 200) || undefined, 30_000);
    const after = await di.send({ conversationId: before.conversationId, body: 'after the outage' });
    const seen = (await cy.history(before.conversationId)).messages.map((m) => m.id);
    assert.deepEqual(seen, [before.id, after.id]);
  });

  it('both instances restarted together: accounts, tokens and messages are there, and a stream resumed from its cursor gets what it missed', async () => {
    const eli = await c.user('mz-eli', 0);
    const fin = await c.user('mz-fin', 1);
    const s = openStream(url(1), { token: fin.token! });
    const ready = await s.next(isType('ready'));
    s.close();
    const first = await eli.send({ to: 'mz-fin', body: 'before the restart' });

    await c.restartInstances();
    assert.deepEqual(await Promise.all([readiness(url(0)), readiness(url(1))]), [200, 200]);
    const eliAgain = c.instances[1]!.client(eli.token!);
    const finAgain = c.instances[0]!.client(fin.token!);
    assert.equal((await finAgain.me()).user.name, 'mz-fin', 'tokens still valid, on either instance');
    await eliAgain.send({ conversationId: first.conversationId, body: 'after the restart' });
    const resumed = openStream(url(0), { token: fin.token!, since: ready.type === 'ready' ? ready.cursor : undefined });
    await resumed.next(isType('ready'));
    await resumed.next(isMessage('before the restart'));
    await resumed.next(isMessage('after the restart'));
    resumed.close();
  });
});
