// PostgreSQL stopped under a running server, then started again: meanwhile
// calls that need it answer 503 `unavailable` in the error shape (no other
// 5xx), /readyz 503, /healthz 200; the process stays up; once it is back,
// calls succeed without restarting chat-api, and nothing acknowledged is lost.
import { after, before, it } from 'node:test';
import assert from 'node:assert/strict';
import { sharedPostgres, type PostgresServer } from '../helpers/postgres-server.js';
import { raw, startServer, type TestServer } from '../helpers/server.js';

let t: TestServer;
let database: PostgresServer;

before(async () => {
  t = await startServer({}, { store: 'postgres' });
  database = await sharedPostgres(); // the one its database is on
});
after(() => t.close());

it('while the database is down: 503 unavailable, readyz 503, the process stays up; after it returns, calls succeed and nothing acknowledged is lost', async () => {
  const a = await t.user('out-a');
  const b = await t.user('out-b');
  const acknowledged: string[] = [];
  for (let i = 0; i < 5; i++) acknowledged.push((await a.send({ to: 'out-b', body: `before ${i}` })).id);

  // Writers keep sending while the database stops under them: each send is acknowledged
  // (and then kept) or refused with 503; a writer stops at its first refusal.
  const statuses: number[] = [];
  let stopping: Promise<void> | undefined;
  const writers = Array.from({ length: 4 }, async (_, k) => {
    for (let i = 0; ; i++) {
      const answer = await raw(t.url, '/v1/messages', {
        method: 'POST',
        token: a.token!,
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ to: 'out-b', body: `during ${k}.${i}` }),
      });
      statuses.push(answer.status);
      if (answer.status !== 201) {
        assert.equal(answer.body.error.code, 'unavailable');
        return;
      }
      acknowledged.push(answer.body.message.id);
      if (acknowledged.length >= 20) stopping ??= database.stop();
    }
  });
  await Promise.all(writers);
  await stopping;
  assert.ok(statuses.every((s) => s === 201 || s === 503), `only 201 or 503 while stopping: ${statuses.join(' ')}`);
  assert.ok(statuses.includes(201) && statuses.includes(503));

  const down = async (path: string, init: Parameters<typeof raw>[2] = {}) => {
    const answer = await raw(t.url, path, init);
    assert.equal(answer.status, 503, `${init.method ?? 'GET'} ${path}`);
    assert.equal(answer.body.error.code, 'unavailable');
    assert.equal(typeof answer.body.error.message, 'string');
    assert.deepEqual(Object.keys(answer.body), ['error']);
    assert.ok(!/select|insert|ECONN|pg|postgres/i.test(answer.body.error.message), `no driver text: ${answer.body.error.message}`);
    return answer;
  };
  const json = (body: unknown) => ({ method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  await down('/readyz');
  await down('/v1/messages', { ...json({ to: 'out-b', body: 'while down' }), token: a.token! });
  await down('/v1/sync', { token: b.token! });
  await down('/v1/conversations', { token: b.token! });
  await down('/v1/sessions', json({ login: 'out-a', password: 'correct horse battery', deviceName: 'x' }));
  await down('/v1/accounts', json({ name: 'out-new', email: 'out-new@example.com', password: 'correct horse battery' }));
  assert.equal((await raw(t.url, '/healthz')).status, 200, 'alive: no restart needed');

  await database.start();
  // The same server process: its pool connects again on the next call.
  assert.equal((await raw(t.url, '/readyz')).status, 200);
  const after = (await a.send({ to: 'out-b', body: 'after' })).id;
  acknowledged.push(after);
  const seen = new Set<string>();
  for (let cursor: string | undefined, more = true; more; ) {
    const page = await b.sync({ since: cursor, limit: 100 });
    for (const e of page.events) if (e.type === 'message') seen.add(e.message.id);
    cursor = page.cursor;
    more = page.hasMore;
  }
  assert.deepEqual(acknowledged.filter((id) => !seen.has(id)), [], 'every acknowledged send is in the feed');
  assert.ok(seen.has(after));
  const fresh = await t.user('out-c');
  assert.ok(fresh.userId, 'registration and sign-in work again');
});
