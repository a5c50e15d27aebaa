// The one error shape, with API.md's code and status, for everything that can go wrong
// before or inside a route: unknown routes, methods, auth, bodies, validation, rate limits.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { PASSWORD, raw, startServer, type TestServer } from '../helpers/server.js';

type Answer = Awaited<ReturnType<typeof raw>>;

const json = { 'content-type': 'application/json' };

/** Asserts {"error": {code, message, details?}} and nothing else, with this status and code. */
function isError(res: Answer, status: number, code: string): { field: string; message: string }[] | undefined {
  assert.ok(res.status < 500, `a ${res.status} is a bug: ${JSON.stringify(res.body)}`);
  assert.equal(res.status, status, JSON.stringify(res.body));
  assert.match(res.headers.get('content-type') ?? '', /^application\/json/);
  assert.equal(typeof res.body, 'object', `not JSON: ${String(res.body)}`);
  assert.deepEqual(Object.keys(res.body), ['error']);
  const { error } = res.body;
  assert.equal(error.code, code);
  assert.equal(typeof error.message, 'string');
  assert.ok(error.message.length > 0);
  assert.doesNotMatch(error.message, /\n\s+at /, 'no stack trace');
  for (const key of Object.keys(error)) assert.ok(['code', 'message', 'details'].includes(key), `unexpected key ${key}`);
  return error.details;
}

const fields = (details: { field: string }[] | undefined) => (details ?? []).map((d) => d.field);

describe('errors', () => {
  let t: TestServer;
  let token: string;
  before(async () => {
    t = await startServer();
    token = (await t.user('erin')).token!;
    await t.user('frank');
  });
  after(() => t.close());

  it('an unknown route is 404 not_found', async () => {
    isError(await raw(t.url, '/v1/nope'), 404, 'not_found');
    isError(await raw(t.url, '/v1/nope', { token }), 404, 'not_found');
    isError(await raw(t.url, '/v1/nope', { method: 'POST', headers: json, body: '{}' }), 404, 'not_found');
    isError(await raw(t.url, '/docs/no-such-page'), 404, 'not_found');
  });

  it('a wrong method on a known path is 404 not_found in the same shape', async () => {
    for (const [method, path] of [['PUT', '/v1/me'], ['POST', '/healthz'], ['DELETE', '/v1/users'], ['PATCH', '/v1/sessions/current']]) {
      const res = await raw(t.url, path!, { method, token, headers: json, body: '{}' });
      isError(res, 404, 'not_found');
    }
  });

  it('a missing token is 401 unauthorized', async () => {
    isError(await raw(t.url, '/v1/me'), 401, 'unauthorized');
    isError(await raw(t.url, '/v1/conversations'), 401, 'unauthorized');
    isError(await raw(t.url, '/v1/sync'), 401, 'unauthorized');
    isError(await raw(t.url, '/v1/messages', { method: 'POST', headers: json, body: JSON.stringify({ to: 'frank', body: 'hi' }) }), 401, 'unauthorized');
  });

  it('a bad token or another scheme is 401 unauthorized', async () => {
    isError(await raw(t.url, '/v1/me', { token: 'not-a-real-token' }), 401, 'unauthorized');
    isError(await raw(t.url, '/v1/me', { token: token + 'x' }), 401, 'unauthorized');
    isError(await raw(t.url, '/v1/me', { headers: { authorization: `Basic ${token}` } }), 401, 'unauthorized');
    isError(await raw(t.url, '/v1/me', { headers: { authorization: 'Bearer' } }), 401, 'unauthorized');
  });

  it('malformed or empty JSON is 400 invalid_request', async () => {
    isError(await raw(t.url, '/v1/accounts', { method: 'POST', headers: json, body: '{"name": "x",' }), 400, 'invalid_request');
    isError(await raw(t.url, '/v1/sessions', { method: 'POST', headers: json, body: '' }), 400, 'invalid_request');
    isError(await raw(t.url, '/v1/messages', { method: 'POST', token, headers: json, body: '{bad json}' }), 400, 'invalid_request');
  });

  it('a body that is not an object is 400 invalid_request', async () => {
    for (const body of ['[1, 2]', 'null', '"text"', '42']) {
      isError(await raw(t.url, '/v1/accounts', { method: 'POST', headers: json, body }), 400, 'invalid_request');
    }
  });

  it('a body that is not JSON is 415 unsupported_media_type', async () => {
    const body = JSON.stringify({ name: 'plain', email: 'plain@example.com', password: PASSWORD });
    isError(await raw(t.url, '/v1/accounts', { method: 'POST', headers: { 'content-type': 'text/plain' }, body }), 415, 'unsupported_media_type');
    isError(await raw(t.url, '/v1/accounts', { method: 'POST', headers: { 'content-type': 'application/xml' }, body: '<a/>' }), 415, 'unsupported_media_type');
    isError(await raw(t.url, '/v1/messages', { method: 'POST', token, headers: { 'content-type': 'text/plain' }, body: 'hi' }), 415, 'unsupported_media_type');
    // and nothing was created by the refused registration
    isError(await raw(t.url, '/v1/sessions', { method: 'POST', headers: json, body: JSON.stringify({ login: 'plain', password: PASSWORD, deviceName: 'd' }) }), 401, 'invalid_credentials');
  });

  it('a body over the 64 KiB limit is 413 payload_too_large', async () => {
    const big = JSON.stringify({ name: 'bigbody', email: 'big@example.com', password: 'p'.repeat(70 * 1024) });
    isError(await raw(t.url, '/v1/accounts', { method: 'POST', headers: json, body: big }), 413, 'payload_too_large');
    const bigMessage = JSON.stringify({ to: 'frank', body: 'x'.repeat(66_000) });
    isError(await raw(t.url, '/v1/messages', { method: 'POST', token, headers: json, body: bigMessage }), 413, 'payload_too_large');
  });

  it('a message body over 4096 characters is 413 payload_too_large; 4096 is accepted', async () => {
    const send = (body: string) => raw(t.url, '/v1/messages', { method: 'POST', token, headers: json, body: JSON.stringify({ to: 'frank', body }) });
    isError(await send('x'.repeat(4097)), 413, 'payload_too_large');
    isError(await send('😀'.repeat(4097)), 413, 'payload_too_large');
    const ok = await send('x'.repeat(4096));
    assert.equal(ok.status, 201);
    assert.equal(ok.body.message.body.length, 4096);
    const emoji = await send('😀'.repeat(4096)); // characters, not UTF-16 units or bytes
    assert.equal(emoji.status, 201, JSON.stringify(emoji.body));
  });

  it('validation errors are 400 invalid_request with details naming each field', async () => {
    const register = (body: unknown) => raw(t.url, '/v1/accounts', { method: 'POST', headers: json, body: JSON.stringify(body) });
    assert.deepEqual(fields(isError(await register({ name: { first: 'n' }, email: 'n@example.com', password: PASSWORD }), 400, 'invalid_request')), ['name']);
    assert.deepEqual(fields(isError(await register({ name: 'noemail', password: PASSWORD }), 400, 'invalid_request')), ['email']);
    assert.deepEqual(fields(isError(await register({ name: 'x', email: 'bad', password: 'short' }), 400, 'invalid_request')).sort(), ['email', 'name', 'password']);
    const login = await raw(t.url, '/v1/sessions', { method: 'POST', headers: json, body: JSON.stringify({ login: 'erin', password: PASSWORD, deviceName: '' }) });
    assert.deepEqual(fields(isError(login, 400, 'invalid_request')), ['deviceName']);
    const empty = await raw(t.url, '/v1/messages', { method: 'POST', token, headers: json, body: JSON.stringify({ to: 'frank', body: '' }) });
    assert.deepEqual(fields(isError(empty, 400, 'invalid_request')), ['body']);
    const query = await raw(t.url, '/v1/users?q=a&limit=many', { token });
    assert.deepEqual(fields(isError(query, 400, 'invalid_request')), ['limit']);
    const group = await raw(t.url, '/v1/conversations', { method: 'POST', token, headers: json, body: JSON.stringify({ title: 'g', members: [{ name: 'frank' }] }) });
    assert.deepEqual(fields(isError(group, 400, 'invalid_request')), ['members.0']);
  });

  it('JSON bodies are not coerced: a wrong type is refused; query strings are', async () => {
    const register = (body: unknown) => raw(t.url, '/v1/accounts', { method: 'POST', headers: json, body: JSON.stringify(body) });
    assert.deepEqual(fields(isError(await register({ name: true, email: 't@example.com', password: PASSWORD }), 400, 'invalid_request')), ['name']);
    assert.deepEqual(fields(isError(await register({ name: 'numbers', email: 'n2@example.com', password: 123456789 }), 400, 'invalid_request')), ['password']);
    const single = await raw(t.url, '/v1/conversations', { method: 'POST', token, headers: json, body: JSON.stringify({ title: 'g', members: 'frank' }) });
    assert.deepEqual(fields(isError(single, 400, 'invalid_request')), ['members']);
    const page = await raw(t.url, '/v1/users?q=fr&limit=1', { token });
    assert.equal(page.status, 200);
    assert.equal(page.body.users.length, 1);
  });

  it('a malformed URL or an over-long path parameter is 400 invalid_request', async () => {
    isError(await raw(t.url, '/v1/devices/%E0%A4%A', { method: 'DELETE', token }), 400, 'invalid_request');
    isError(await raw(t.url, `/v1/devices/${'x'.repeat(300)}`, { method: 'DELETE', token }), 400, 'invalid_request');
  });

  it('a failed login is 401 invalid_credentials', async () => {
    const res = await raw(t.url, '/v1/sessions', { method: 'POST', headers: json, body: JSON.stringify({ login: 'erin', password: 'wrong one', deviceName: 'd' }) });
    isError(res, 401, 'invalid_credentials');
  });
});

describe('rate limits', () => {
  let t: TestServer;
  before(async () => (t = await startServer({ rateLimits: true })));
  after(() => t.close());

  const login = (loginName: string, password: string) =>
    raw(t.url, '/v1/sessions', { method: 'POST', headers: json, body: JSON.stringify({ login: loginName, password, deviceName: 'd' }) });

  function retryAfter(res: Answer, maxSeconds: number): number {
    const header = res.headers.get('retry-after');
    assert.ok(header, 'a 429 carries Retry-After');
    assert.match(header, /^\d+$/);
    const seconds = Number(header);
    assert.ok(seconds >= 1 && seconds <= maxSeconds, `Retry-After ${seconds}`);
    return seconds;
  }

  it('repeated logins to one account get 429 rate_limited with Retry-After, even with the right password', async () => {
    await t.client().register({ name: 'guessed', email: 'guessed@example.com', password: PASSWORD });
    const statuses: number[] = [];
    let last: Answer | undefined;
    for (let i = 0; i < 15 && last?.status !== 429; i++) {
      last = await login('guessed', 'wrong password');
      statuses.push(last.status);
    }
    assert.ok(statuses.length > 3, `limited after ${statuses.length} attempts: ${statuses.join(',')}`);
    assert.ok(statuses.slice(0, -1).every((s) => s === 401), statuses.join(','));
    isError(last!, 429, 'rate_limited');
    retryAfter(last!, 60);
    const right = await login('GUESSED', PASSWORD); // the login key ignores case
    isError(right, 429, 'rate_limited');
    retryAfter(right, 60);
  });

  it('repeated registrations get 429 rate_limited with Retry-After', async () => {
    const statuses: number[] = [];
    let last: Answer | undefined;
    for (let i = 0; i < 20 && last?.status !== 429; i++) {
      last = await raw(t.url, '/v1/accounts', {
        method: 'POST', headers: json, body: JSON.stringify({ name: `spam${i}`, email: `spam${i}@example.com`, password: PASSWORD }),
      });
      statuses.push(last.status);
    }
    assert.ok(statuses.length > 1, statuses.join(','));
    assert.ok(statuses.slice(0, -1).every((s) => s === 201), statuses.join(','));
    isError(last!, 429, 'rate_limited');
    retryAfter(last!, 600);
  });

  it('the SDK sees 429 as ChatApiError with retryAfter', async () => {
    const err = await t.client().login({ login: 'guessed', password: PASSWORD, deviceName: 'd' }).then(
      () => assert.fail('expected 429'),
      (e: { status: number; code: string; retryAfter?: number }) => e,
    );
    assert.equal(err.status, 429);
    assert.equal(err.code, 'rate_limited');
    assert.ok((err.retryAfter ?? 0) >= 1);
  });
});
