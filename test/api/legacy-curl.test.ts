// The seed's README, line by line, run by the real curl binary against a real
// server: form bodies with -d, including the GET with a form body.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, type TestServer } from '../helpers/server.js';
import { assertOk, assertRefusal, curl, form, account } from '../helpers/legacy.js';

describe('legacy API through curl (the seed README)', () => {
  let t: TestServer;
  before(async () => (t = await startServer()));
  after(() => t.close());

  const post = (path: string, body: string) => curl('-X', 'POST', `${t.url}${path}`, '-d', body);
  // Exactly the README's line: a GET whose only field travels in a form body.
  const getMessages = (device: string) => curl('-X', 'GET', `${t.url}/api/get_messages`, '-d', `name_devices=${device}`);

  it('registers with POST /api/regist -d "name=...&gmail=...&password=..."', async () => {
    assertOk(await post('/api/regist', 'name=alice&gmail=alice@gmail.com&password=seed-pass-123'));
    assertOk(await post('/api/regist', form(account('bob'))));
  });

  it('logs in a device with POST /api/user, again with the same device too', async () => {
    const line = 'name=alice&gmail=alice@gmail.com&password=seed-pass-123&name_devices=device1';
    assertOk(await post('/api/user', line));
    assertOk(await post('/api/user', line));
    assertOk(await post('/api/user', form(account('bob', 'bob-laptop'))));
  });

  it('answers [] from GET /api/get_messages -d "name_devices=device1" before anything arrived', async () => {
    const answer = await curl('-X', 'GET', `${t.url}/api/get_messages`, '-d', 'name_devices=device1');
    assert.equal(answer.status, 200);
    assert.deepEqual(answer.body, []);
  });

  it('sends with POST /api/send_message, to oneself as the README does, and reads oldest first', async () => {
    const sentAt = t.clock.now();
    assertOk(await post('/api/send_message', 'name=alice&message=hello me&name_devices=device1'));
    t.clock.advance(1000);
    assertOk(await post('/api/send_message', 'name=alice&message=from bob&name_devices=bob-laptop'));

    const answer = await getMessages('device1');
    assert.equal(answer.status, 200);
    assert.deepEqual(answer.body, [
      { name_sender: 'alice', message: 'hello me', timestamp: new Date(sentAt).toISOString() },
      { name_sender: 'bob', message: 'from bob', timestamp: new Date(sentAt + 1000).toISOString() },
    ]);
  });

  it('keeps form encoding intact: spaces, &, = and non-ASCII survive --data-urlencode', async () => {
    const text = 'a & b = c, grüße 👋';
    const sent = await curl('-X', 'POST', `${t.url}/api/send_message`, '--data-urlencode', 'name=bob', '--data-urlencode', `message=${text}`, '--data-urlencode', 'name_devices=device1');
    assertOk(sent);
    const inbox = await getMessages('bob-laptop');
    assert.equal(inbox.status, 200);
    assert.deepEqual(inbox.body.map((m: { message: string }) => m.message), [text]);
  });

  it('searches with POST /api/search -d "name=..." by any part of a name, in any case', async () => {
    const answer = await post('/api/search', 'name=LIC');
    assert.equal(answer.status, 200);
    assert.deepEqual(answer.body, { users: [{ name: 'alice' }] });
    const none = await post('/api/search', 'name=nobody-here');
    assert.equal(none.status, 200);
    assert.deepEqual(none.body, { users: [] });
  });

  it('takes JSON too: labelled with -H, and as curl -d sends it by default, labelled a form', async () => {
    const json = JSON.stringify({ name: 'bob', message: 'json by curl', name_devices: 'device1' });
    assertOk(await curl('-X', 'POST', `${t.url}/api/send_message`, '-H', 'Content-Type: application/json', '-d', json));
    assertOk(await post('/api/send_message', json.replace('json by curl', 'json as a form')));
    const inbox = await curl('-X', 'GET', `${t.url}/api/get_messages`, '-d', JSON.stringify({ name_devices: 'bob-laptop' }));
    assert.equal(inbox.status, 200);
    assert.deepEqual(inbox.body.slice(-2).map((m: { message: string }) => m.message), ['json by curl', 'json as a form']);
  });

  it('refuses through curl with the seed statuses and {"message"}', async () => {
    assertRefusal(await post('/api/regist', 'name=alice&gmail=other@gmail.com&password=seed-pass-123'), 400);
    assertRefusal(await post('/api/user', 'name=alice&gmail=alice@gmail.com&password=wrong-pass-1&name_devices=device9'), 401);
    assertRefusal(await post('/api/user', 'name=bob&gmail=bob@gmail.com&password=seed-pass-123&name_devices=device1'), 409);
    assertRefusal(await post('/api/send_message', 'name=nobody&message=hi&name_devices=device1'), 404);
    assertRefusal(await post('/api/send_message', 'name=alice&message=hi&name_devices=device9'), 401);
    assertRefusal(await getMessages('device9'), 401);
    assertRefusal(await post('/api/search', 'name='), 400);
  });
});
