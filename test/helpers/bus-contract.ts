// One contract suite for the EventBus port, run on every implementation (as
// Centrifuge's broker tests run on its memory and Redis brokers): the local
// bus, and the Redis bus on one instance and across two. Delivery may be
// asynchronous, so every check waits for what it expects, and "nothing
// arrived" is judged against a later message to a handler that stays
// subscribed.
import { afterEach, beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { BusMessage, EventBus, Revocation } from '../../src/domain/ports/index.js';

/** A handler that records what it gets and lets a test wait for a count. */
function collector() {
  const got: BusMessage[] = [];
  let waiters: { count: number; resolve: () => void }[] = [];
  return {
    got,
    handler: (m: BusMessage) => {
      got.push(m);
      waiters = waiters.filter((w) => (got.length >= w.count ? (w.resolve(), false) : true));
    },
    until: (count: number) =>
      got.length >= count ? Promise.resolve() : new Promise<void>((resolve) => waiters.push({ count, resolve })),
  };
}

const typing = (userId: string, n: number): BusMessage => ({ userId, event: { type: 'typing', conversationId: `c${n}`, userId: 'someone' } });
const marks = (ms: BusMessage[]) => ms.map((m) => (m.event.type === 'typing' ? m.event.conversationId : m.event.type));

export function busContract(name: string, open: () => Promise<EventBus>) {
  describe(`EventBus contract: ${name}`, () => {
    let bus: EventBus;
    beforeEach(async () => (bus = await open()));
    afterEach(() => bus.close());

    it("a subscriber gets its account's messages in publish order, and only those", async () => {
      const a = collector();
      const b = collector();
      bus.subscribe('acct-a', a.handler);
      bus.subscribe('acct-b', b.handler);
      for (let i = 0; i < 50; i++) bus.publish([typing(i % 3 ? 'acct-a' : 'acct-b', i), typing('acct-nobody', i)]);
      await Promise.all([a.until(33), b.until(17)]);
      const expected = (keep: (i: number) => boolean) => Array.from({ length: 50 }, (_, i) => i).filter(keep).map((i) => `c${i}`);
      assert.deepEqual(marks(a.got), expected((i) => i % 3 !== 0));
      assert.deepEqual(marks(b.got), expected((i) => i % 3 === 0));
      assert.ok(a.got.every((m) => m.userId === 'acct-a'));
    });

    it('every handler of an account gets each message; the device a message is for travels with it', async () => {
      const one = collector();
      const two = collector();
      bus.subscribe('acct-c', one.handler);
      bus.subscribe('acct-c', two.handler);
      bus.publish([{ userId: 'acct-c', deviceId: 'dev-1', event: { type: 'device.revoked' } }]);
      await Promise.all([one.until(1), two.until(1)]);
      assert.deepEqual(one.got, [{ userId: 'acct-c', deviceId: 'dev-1', event: { type: 'device.revoked' } }]);
      assert.deepEqual(two.got, one.got);
    });

    it('after unsubscribe a handler gets nothing more; unsubscribing twice is harmless', async () => {
      const gone = collector();
      const stays = collector();
      const unsubscribe = bus.subscribe('acct-d', gone.handler);
      bus.subscribe('acct-d', stays.handler);
      bus.publish([typing('acct-d', 1)]);
      await Promise.all([gone.until(1), stays.until(1)]);
      unsubscribe();
      unsubscribe();
      bus.publish([typing('acct-d', 2)]);
      await stays.until(2);
      assert.deepEqual(marks(gone.got), ['c1']);
      const again = collector();
      bus.subscribe('acct-d', again.handler);
      bus.publish([typing('acct-d', 3)]);
      await again.until(1);
      assert.deepEqual(marks(again.got), ['c3'], 'a new subscription of the same account works');
    });

    it('a handler that throws does not stop delivery to the others', async () => {
      const ok = collector();
      bus.subscribe('acct-e', () => {
        throw new Error('broken subscriber');
      });
      bus.subscribe('acct-e', ok.handler);
      assert.doesNotThrow(() => bus.publish([typing('acct-e', 1), typing('acct-e', 2)]));
      await ok.until(2);
      assert.deepEqual(marks(ok.got), ['c1', 'c2']);
    });

    it('revocations reach the listeners of revocations, in order', async () => {
      const heard: Revocation[] = [];
      let done!: () => void;
      const both = new Promise<void>((resolve) => (done = resolve));
      bus.onRevoke((r) => {
        heard.push(r);
        if (heard.length === 2) done();
      });
      bus.revoke({ userId: 'acct-g', deviceIds: ['dev-1', 'dev-2'] });
      bus.revoke({ userId: 'acct-g' });
      await both;
      assert.deepEqual(heard, [{ userId: 'acct-g', deviceIds: ['dev-1', 'dev-2'] }, { userId: 'acct-g' }]);
    });

    it('after close nothing is delivered', async () => {
      const before = collector();
      bus.subscribe('acct-f', before.handler);
      await bus.close();
      bus.publish([typing('acct-f', 1)]);
      const other = await open();
      try {
        // Another bus on the same broker carries a message past the closed one, as a barrier.
        const barrier = collector();
        other.subscribe('acct-f', barrier.handler);
        other.publish([typing('acct-f', 2)]);
        await barrier.until(1);
      } finally {
        await other.close();
      }
      assert.deepEqual(before.got, []);
    });
  });
}
