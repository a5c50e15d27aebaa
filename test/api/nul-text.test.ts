// The NUL character (U+0000) in any text a client sends: refused with the
// field's name, the same on every store (PostgreSQL cannot store it, and before
// this it failed inside a query as a 500), on the original API in its own shape,
// and on the stream with 4400.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { raw, startServer, type TestServer } from '../helpers/server.js';
import { isType, openStream } from '../helpers/stream.js';
import { assertRefusal, legacy } from '../helpers/legacy.js';

const NUL = '\u0000';
const PROBLEM = 'must not contain the NUL character (U+0000)';

describe('the NUL character in client text', { concurrency: true }, () => {
  let t: TestServer;
  let token: string;
  let conversationId: string;
  before(async () => {
    t = await startServer();
    const alice = await t.user('nul-alice');
    await t.user('nul-bob');
    token = alice.token!;
    conversationId = (await alice.send({ to: 'nul-bob', body: 'hello' })).conversationId;
  });
  after(() => t.close());

  const refused = (res: Awaited<ReturnType<typeof raw>>, field: string) => {
    assert.equal(res.status, 400, JSON.stringify(res.body));
    assert.equal(res.body.error.code, 'invalid_request');
    assert.equal(res.body.error.message, `${field} ${PROBLEM}`);
    assert.deepEqual(res.body.error.details, [{ field, message: PROBLEM }]);
  };
  const json = (method: string, path: string, body: unknown, auth: string | undefined = token) =>
    raw(t.url, path, { method, body: JSON.stringify(body), headers: { 'content-type': 'application/json' }, token: auth });

  it('in a body field: a message, a group title, a member, a device name, a login', async () => {
    refused(await json('POST', '/v1/messages', { to: 'nul-bob', body: `a${NUL}b` }), 'body');
    refused(await json('POST', '/v1/messages', { to: `nul-bob${NUL}`, body: 'x' }), 'to');
    refused(await json('POST', '/v1/conversations', { title: `T${NUL}`, members: ['nul-bob'] }), 'title');
    refused(await json('POST', '/v1/conversations', { title: 'T', members: ['nul-bob', `x${NUL}`] }), 'members.1');
    refused(await json('POST', '/v1/sessions', { login: `nul-alice${NUL}`, password: 'whatever it is', deviceName: 'd' }, undefined), 'login');
    refused(await json('POST', '/v1/accounts', { name: 'nul-carol', email: 'c@example.com', password: `long enough${NUL}` }, undefined), 'password');
  });

  it('in a query or a path parameter', async () => {
    refused(await raw(t.url, `/v1/users?q=${encodeURIComponent(`a${NUL}`)}`, { token }), 'q');
    refused(await raw(t.url, `/v1/sync?since=${encodeURIComponent(NUL)}`, { token }), 'since');
    refused(await raw(t.url, `/v1/conversations/${conversationId}/messages?before=${encodeURIComponent(`m${NUL}`)}`, { token }), 'before');
    refused(await raw(t.url, `/v1/conversations/${encodeURIComponent(`c${NUL}`)}/messages`, { token }), 'id');
  });

  it('on the original API, in its own shape, from a form, JSON, a query and a GET body', async () => {
    assertRefusal(await legacy(t.url, 'POST', '/api/send_message', { form: { name: `a${NUL}`, message: 'x', name_devices: 'd' } }), 400, /name must not contain the NUL/);
    assertRefusal(await legacy(t.url, 'POST', '/api/regist', { json: { name: 'nul-dave', password: `p${NUL}assword`, email: 'd@example.com' } }), 400, /password must not contain/);
    assertRefusal(await legacy(t.url, 'GET', '/api/get_messages', { query: { name_devices: `d${NUL}` } }), 400, /name_devices must not contain/);
    assertRefusal(await legacy(t.url, 'GET', '/api/get_messages', { form: { name_devices: `d${NUL}` } }), 400, /name_devices must not contain/);
  });

  it('what was refused left nothing behind, and text without NUL still goes through', async () => {
    const page = await raw(t.url, `/v1/conversations/${conversationId}/messages`, { token });
    assert.deepEqual(page.body.messages.map((m: { body: string }) => m.body), ['hello']);
    const ok = await json('POST', '/v1/messages', { to: 'nul-bob', body: 'a\u0001b\u2028c' });
    assert.equal(ok.status, 201, JSON.stringify(ok.body));
  });

  it('on the stream: a frame with it closes that stream with 4400, before and after authentication', async () => {
    const early = openStream(t.url);
    early.ws.on('open', () => early.send({ type: 'auth', token: `${token}${NUL}` }));
    assert.deepEqual(await early.closed.then((c) => [c.code, c.reason]), [4400, 'text must not contain U+0000']);
    const s = openStream(t.url, { token });
    await s.next(isType('ready'));
    s.send({ type: 'typing', conversationId: `${conversationId}${NUL}` });
    assert.equal((await s.closed).code, 4400);
    assert.equal((await raw(t.url, '/healthz')).status, 200);
  });
});
