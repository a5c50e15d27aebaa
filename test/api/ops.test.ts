// Operations: health, readiness, metrics, the OpenAPI document, the docs page,
// and the request log (run as a real process, whose stdout is the log).
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { rmSync } from 'node:fs';
import { createServer as createNetServer, type AddressInfo } from 'node:net';
import { ChatClient } from '../../src/sdk/index.js';
import { PASSWORD, raw, startServer, tempDir, type TestServer } from '../helpers/server.js';

/** The value of a metric line, e.g. `chat_logins_total` or `http_requests_total{...}`; undefined when absent. */
function metric(text: string, name: string, labels: Record<string, string> = {}): number | undefined {
  for (const line of text.split('\n')) {
    const m = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!m || m[1] !== name) continue;
    const have = Object.fromEntries([...(m[2] ?? '').matchAll(/(\w+)="([^"]*)"/g)].map((l) => [l[1], l[2]]));
    if (Object.entries(labels).every(([k, v]) => have[k] === v)) return Number(m[3]);
  }
  return undefined;
}

describe('operations', () => {
  let t: TestServer;
  before(async () => (t = await startServer()));
  after(() => t.close());

  const metrics = async () => {
    const res = await raw(t.url, '/metrics');
    assert.equal(res.status, 200);
    return String(res.body);
  };

  it('GET /healthz answers 200 {"status":"ok"}', async () => {
    const res = await raw(t.url, '/healthz');
    assert.equal(res.status, 200);
    assert.deepEqual(res.body, { status: 'ok' });
  });

  it('GET /readyz answers 200 while the database answers', async () => {
    const res = await raw(t.url, '/readyz');
    assert.equal(res.status, 200);
    assert.deepEqual(res.body, { status: 'ok' });
  });

  it('GET /metrics is Prometheus text with per-route request counts and latency', async () => {
    const alice = await t.user('metrics-user');
    await alice.renameDevice(alice.deviceId, 'renamed');
    const res = await raw(t.url, '/metrics');
    assert.match(res.headers.get('content-type') ?? '', /^text\/plain/);
    const text = String(res.body);
    assert.match(text, /^# TYPE http_requests_total counter$/m);
    assert.match(text, /^# TYPE http_request_duration_seconds histogram$/m);
    assert.ok((metric(text, 'http_requests_total', { method: 'POST', route: '/v1/sessions', status: '201' }) ?? 0) >= 1);
    // the route label is the route pattern, never the id in the path
    assert.equal(metric(text, 'http_requests_total', { method: 'PATCH', route: '/v1/devices/:id', status: '200' }), 1);
    assert.doesNotMatch(text, new RegExp(alice.deviceId));
    assert.ok((metric(text, 'http_request_duration_seconds_count', { method: 'POST', route: '/v1/sessions' }) ?? 0) >= 1);
    for (const name of ['chat_messages_sent_total', 'chat_logins_total', 'chat_messages_purged_total']) {
      assert.notEqual(metric(text, name), undefined, `${name} is exported`);
    }
  });

  it('chat_messages_sent_total counts stored messages, not repeats of a clientId', async () => {
    const a = await t.user('sender');
    await t.user('sendee');
    const before = metric(await metrics(), 'chat_messages_sent_total')!;
    await a.send({ to: 'sendee', body: 'one', clientId: 'c-1' });
    assert.equal(metric(await metrics(), 'chat_messages_sent_total'), before + 1);
    await a.send({ to: 'sendee', body: 'one', clientId: 'c-1' });
    await a.send({ to: 'sendee', body: 'two' });
    assert.equal(metric(await metrics(), 'chat_messages_sent_total'), before + 2);
  });

  it('chat_store_commit_seconds and chat_store_commit_writes measure every commit and the writes it carried', async () => {
    const a = await t.user('committer');
    await t.user('committee');
    const text0 = await metrics();
    const [count0, seconds0, writes0] = ['chat_store_commit_seconds_count', 'chat_store_commit_seconds_sum', 'chat_store_commit_writes_sum'].map((n) => metric(text0, n)!);
    await Promise.all(Array.from({ length: 20 }, (_, i) => a.send({ to: 'committee', body: `batch ${i}` })));
    const text = await metrics();
    assert.match(text, /^# TYPE chat_store_commit_seconds histogram$/m);
    const count = metric(text, 'chat_store_commit_seconds_count')!;
    assert.ok(count > count0!, `commits counted: ${count0} -> ${count}`);
    assert.ok(metric(text, 'chat_store_commit_seconds_sum')! > seconds0!, 'commit time accumulates');
    assert.ok(metric(text, 'chat_store_commit_writes_sum')! - writes0! >= 20, 'every send is a write of some commit');
    assert.equal(metric(text, 'chat_store_commit_writes_count'), count, 'one observation of each per commit');
  });

  it('chat_logins_total counts successful logins only', async () => {
    await t.user('counted');
    const before = metric(await metrics(), 'chat_logins_total')!;
    await t.client().login({ login: 'counted', password: PASSWORD, deviceName: 'd2' });
    await t.client().login({ login: 'counted', password: 'wrong password', deviceName: 'd3' }).catch(() => undefined);
    assert.equal(metric(await metrics(), 'chat_logins_total'), before + 1);
  });

  it('chat_messages_purged_total counts purged messages', async () => {
    const a = await t.user('purger');
    await t.user('purgee');
    const before = metric(await metrics(), 'chat_messages_purged_total')!;
    await a.send({ to: 'purgee', body: 'short-lived 1' });
    await a.send({ to: 'purgee', body: 'short-lived 2' });
    t.clock.advance(2 * 3_600_000 + 1); // past the default 2 h TTL
    const purged = await t.server.retention.purgeNow();
    assert.ok(purged >= 2, `purged ${purged}`);
    assert.equal(metric(await metrics(), 'chat_messages_purged_total'), before + purged);
  });

  it('GET /openapi.json is an OpenAPI 3 document with every /v1 call of API.md', async () => {
    const res = await raw(t.url, '/openapi.json');
    assert.equal(res.status, 200);
    const doc = res.body as { openapi: string; info: { title: string }; paths: Record<string, Record<string, unknown>> };
    assert.match(doc.openapi, /^3\./);
    assert.ok(doc.info.title);
    const expected = [
      'POST /v1/accounts', 'POST /v1/sessions', 'DELETE /v1/sessions/current',
      'GET /v1/me', 'PATCH /v1/me', 'DELETE /v1/me',
      'GET /v1/devices', 'PATCH /v1/devices/{id}', 'DELETE /v1/devices/{id}', 'GET /v1/users',
      'POST /v1/messages', 'DELETE /v1/messages/{id}', 'GET /v1/conversations', 'POST /v1/conversations',
      'POST /v1/conversations/{id}/members', 'DELETE /v1/conversations/{id}/members/{userId}',
      'GET /v1/conversations/{id}/messages', 'POST /v1/conversations/{id}/read', 'GET /v1/sync',
    ];
    const listed = Object.entries(doc.paths).flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`));
    for (const call of expected) assert.ok(listed.includes(call), `${call} is documented`);
    const register = doc.paths['/v1/accounts']!.post as { requestBody?: unknown; responses: Record<string, unknown> };
    assert.ok(register.requestBody, 'the request body is documented');
    assert.ok(register.responses['201'] && register.responses['409'], 'success and conflict answers are documented');
  });

  it('GET /docs answers 200 with HTML', async () => {
    const res = await fetch(t.url + '/docs', { redirect: 'follow' });
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type') ?? '', /^text\/html/);
    assert.match(await res.text(), /<html/i);
  });
});

async function freePort(): Promise<number> {
  const probe = createNetServer().listen(0, '127.0.0.1');
  await once(probe, 'listening');
  const { port } = probe.address() as AddressInfo;
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

describe('request log of the real process', () => {
  const dataDir = tempDir();
  let stdout = '';
  let stderr = '';
  let token = '';

  after(() => rmSync(dataDir, { recursive: true, force: true }));

  it('writes one JSON line per request and never a password, token or message body', async () => {
    const port = await freePort();
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts', 'serve', '--port', String(port), '--data-dir', dataDir, '--log-level', 'info'], {
      cwd: new URL('../..', import.meta.url).pathname,
      env: { ...process.env, CHAT_RATE_LIMITS: 'off' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const exited = once(child, 'exit');
    try {
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      await new Promise<void>((resolve, reject) => {
        child.stdout.on('data', (chunk: Buffer) => {
          stdout += chunk.toString();
          if (stdout.includes('chat-api listening on')) resolve();
        });
        child.once('exit', (code) => reject(new Error(`the server exited (${code}) before listening: ${stderr}`)));
      });
      const url = `http://127.0.0.1:${port}`;
      const secretPassword = 'Pa55word-that-must-not-leak';
      const secretBody = 'message body that must not leak 7d1f';
      const c = new ChatClient({ baseUrl: url, retries: 0 });
      await c.register({ name: 'logged', email: 'logged@example.com', password: secretPassword });
      await new ChatClient({ baseUrl: url, retries: 0 }).register({ name: 'other', email: 'other@example.com', password: secretPassword });
      ({ token } = await c.login({ login: 'logged', password: secretPassword, deviceName: 'log-device' }));
      await c.send({ to: 'other', body: secretBody });
      await c.updateMe({ currentPassword: secretPassword, password: secretPassword + '2' });
      await c.login({ login: 'logged', password: 'wrong-' + secretPassword, deviceName: 'x' }).catch(() => undefined);
      const me = await raw(url, `/v1/me?token=${token}`, { token }); // a secret in the query string too
      assert.equal(me.status, 200);
    } finally {
      child.kill('SIGTERM');
      await exited;
    }

    const lines = stdout.split('\n').filter(Boolean).map((l) => JSON.parse(l) as Record<string, unknown>);
    const requests = lines.filter((l) => l.msg === 'request');
    assert.ok(requests.length >= 7, `request lines: ${requests.length}`);
    const send = requests.find((l) => l.method === 'POST' && l.route === '/v1/messages');
    assert.ok(send, 'the send is logged');
    assert.equal(send.status, 201);
    assert.equal(typeof send.user, 'string');
    assert.equal(typeof send.ms, 'number');
    assert.ok(requests.some((l) => l.path === '/v1/me' && l.status === 200));
    assert.ok(requests.some((l) => l.route === '/v1/sessions' && l.status === 401));

    const all = stdout + stderr;
    assert.ok(token.length >= 22);
    for (const secret of ['Pa55word-that-must-not-leak', 'message body that must not leak', token, 'Bearer ']) {
      assert.ok(!all.includes(secret), `the log contains a secret: ${secret.slice(0, 12)}…`);
    }
    for (const l of lines) assert.ok(!('req' in l && JSON.stringify(l.req).includes('authorization')), 'no request headers');
  });
});
