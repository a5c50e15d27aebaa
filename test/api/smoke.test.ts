import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, type TestServer } from '../helpers/server.js';

describe('smoke', () => {
  let t: TestServer;
  before(async () => (t = await startServer()));
  after(() => t.close());

  it('registers, logs in, sends and reads', async () => {
    const alice = await t.user('alice');
    const bob = await t.user('bob');
    const m = await alice.send({ to: 'bob', body: 'hi bob' });
    assert.equal(m.body, 'hi bob');
    const convs = await bob.conversations();
    assert.equal(convs.length, 1);
    assert.equal(convs[0]!.unread, 1);
    const page = await bob.history(m.conversationId);
    assert.deepEqual(page.messages.map((x) => x.body), ['hi bob']);
    const sync = await bob.sync();
    assert.equal(sync.events.length, 1);
  });
});
