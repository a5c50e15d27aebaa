// The stream checks the continuity of each account's feed positions: when a
// bus message is lost, the next event's position shows the gap, and the
// stream reads the missing events from the store before delivering it.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { BusMessage } from '../../src/domain/ports/index.js';
import { startServer, type TestServer } from '../helpers/server.js';
import { isType, openStream } from '../helpers/stream.js';

describe('stream: gaps in the feed', () => {
  let t: TestServer;
  before(async () => (t = await startServer()));
  after(() => t.close());

  /** Makes the bus lose the next message event for `userId`; resolves with it. */
  function loseNext(userId: string): Promise<BusMessage> {
    const bus = t.server.bus;
    const publish = bus.publish.bind(bus);
    return new Promise((resolve) => {
      bus.publish = (messages) => {
        const lost = messages.find((m) => m.userId === userId && m.event.type === 'message');
        if (!lost) return publish(messages);
        bus.publish = publish;
        publish(messages.filter((m) => m !== lost));
        resolve(lost);
      };
    });
  }

  it('fills a lost event from the store before the next one, in order, and never repeats it when it turns up late', async () => {
    const a = await t.user('gap-a');
    const b = await t.user('gap-b');
    const stream = openStream(t.url, { token: b.token! });
    await stream.next(isType('ready'));

    const lost = loseNext(b.userId);
    await a.send({ to: 'gap-b', body: 'lost on the bus' });
    const dropped = await lost;
    await a.send({ to: 'gap-b', body: 'after the gap' });
    const bodies = async (n: number) => {
      const got: string[] = [];
      while (got.length < n) {
        const e = await stream.next(isType('message'));
        got.push(e.type === 'message' ? e.message.body : '');
      }
      return got;
    };
    assert.deepEqual(await bodies(2), ['lost on the bus', 'after the gap']);

    t.server.bus.publish([dropped]); // the lost message arrives after all
    await a.send({ to: 'gap-b', body: 'third' });
    assert.deepEqual(await bodies(1), ['third'], 'the late copy is not delivered again');
    const cursors = stream.received.filter(isType('message')).map((e) => e.cursor);
    assert.equal(new Set(cursors).size, 3);
    stream.close();
  });
});
