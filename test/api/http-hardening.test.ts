// HTTP against hostile and broken clients, over raw sockets: what Node's parser
// refuses is answered in the error shape; nothing hangs a connection; a
// refused body never leaves a keep-alive connection stuck; origins are judged
// against CHAT_PUBLIC_URL, never Host; the data directory is private.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { streamOrigins } from '../../src/http/stream/origin.js';
import { raw, startServer, tempDir, type TestServer } from '../helpers/server.js';
import { isType, openStream } from '../helpers/stream.js';
import { firstAnswer, rawConnection } from '../helpers/raw-http.js';
import { spawnServer } from '../helpers/process.js';

const ERROR_SHAPE = (body: unknown, code: string) => {
  assert.ok(body && typeof body === 'object' && 'error' in body, `error shape: ${JSON.stringify(body)}`);
  const error = (body as { error: { code: string; message: string } }).error;
  assert.equal(error.code, code);
  assert.equal(typeof error.message, 'string');
};

describe('http hardening', () => {
  let t: TestServer;
  before(async () => (t = await startServer({ requestTimeoutMs: 600, headersTimeoutMs: 400 })));
  after(() => t.close());

  /** Sends raw bytes on a fresh connection; resolves with all the server sent before closing. */
  async function exchange(bytes: string | Buffer): Promise<string> {
    const c = await rawConnection(t.url);
    c.socket.write(bytes);
    return c.closed;
  }

  for (const [label, bytes, status, code] of [
    ['an unknown method', 'FOO / HTTP/1.1\r\nHost: x\r\n\r\n', 400, 'invalid_request'],
    ['a bad chunk size', 'POST /v1/accounts HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n', 400, 'invalid_request'],
    ['a 20 KB header block', `GET /healthz HTTP/1.1\r\nHost: x\r\nX-Padding: ${'a'.repeat(20_000)}\r\n\r\n`, 431, 'headers_too_large'],
    ['a header line without a colon', 'GET /healthz HTTP/1.1\r\nHost: x\r\nnonsense\r\n\r\n', 400, 'invalid_request'],
    ['both Content-Length and Transfer-Encoding', 'POST /v1/accounts HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n', 400, 'invalid_request'],
  ] as const) {
    it(`${label} is answered ${status} in the error shape, then closed`, async () => {
      const answer = firstAnswer(await exchange(bytes));
      assert.equal(answer.status, status);
      assert.match(answer.headers, /content-type: application\/json/i);
      ERROR_SHAPE(answer.body, code);
    });
  }

  it('a body that does not arrive within CHAT_REQUEST_TIMEOUT is answered 408 and closed', async () => {
    const started = Date.now();
    const answer = firstAnswer(await exchange('POST /v1/accounts HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"name":'));
    assert.equal(answer.status, 408);
    ERROR_SHAPE(answer.body, 'request_timeout');
    assert.ok(Date.now() - started < 5_000, 'answered soon after the timeout');
  });

  it('headers that do not arrive in time are answered 408 too (slowloris)', async () => {
    const answer = firstAnswer(await exchange('GET /healthz HTTP/1.1\r\nHost: x\r\n'));
    assert.equal(answer.status, 408);
    ERROR_SHAPE(answer.body, 'request_timeout');
  });

  it('a connection that sends nothing is answered 408 and closed', async () => {
    const c = await rawConnection(t.url);
    const answer = firstAnswer(await c.closed);
    assert.equal(answer.status, 408);
    ERROR_SHAPE(answer.body, 'request_timeout');
  });

  for (const [label, request] of [
    ['a 1 MB GET body to /api/get_messages (the legacy body path)', (body: string) =>
      `GET /api/get_messages HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: ${body.length}\r\n\r\n${body}`],
    ['a 1 MB JSON body to /v1/accounts', (body: string) =>
      `POST /v1/accounts HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: ${body.length + 8}\r\n\r\n{"a":"${body}"}`],
  ] as const) {
    it(`${label} is refused with 413 and the keep-alive connection does not hang`, async () => {
      const c = await rawConnection(t.url);
      c.socket.write(request('n'.repeat(1024 * 1024)) + 'GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n');
      const received = await c.closed; // it closes: the next request is never left waiting
      assert.equal(firstAnswer(received).status, 413);
      assert.match(firstAnswer(received).headers, /connection: close/i);
    });
  }

  it('after a 413 the next request on a new connection is answered', async () => {
    assert.equal((await raw(t.url, '/healthz')).status, 200);
  });

  it('an open stream is not a slow request: it outlives CHAT_REQUEST_TIMEOUT', async () => {
    const u = await t.user('outlives');
    const s = openStream(t.url, { token: u.token! });
    await s.next(isType('ready'));
    // Nothing to await here: the point is that the timeouts pass and nothing happens.
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    s.send({ type: 'ping' });
    assert.equal((await s.next(isType('pong'))).type, 'pong');
    s.close();
  });

  it('keep-alive still works for requests that were read whole', async () => {
    const c = await rawConnection(t.url);
    c.socket.write('GET /healthz HTTP/1.1\r\nHost: x\r\n\r\nGET /nope HTTP/1.1\r\nHost: x\r\n\r\n');
    const both = await c.until((r) => (r.match(/HTTP\/1\.1 /g) ?? []).length === 2 && r.endsWith('}'));
    assert.match(both, /HTTP\/1\.1 200/);
    assert.match(both, /HTTP\/1\.1 404/);
    c.socket.destroy();
  });
});

describe('stream origins', () => {
  it('are judged against the public URL, loopback names alike, plus CHAT_ALLOWED_ORIGINS', () => {
    const local = streamOrigins({ publicUrl: null, host: '127.0.0.1', port: 3000, allowedOrigins: ['https://app.example.com'] });
    assert.deepEqual([...local].sort(), ['http://127.0.0.1:3000', 'http://[::1]:3000', 'http://localhost:3000', 'https://app.example.com']);
    const pub = streamOrigins({ publicUrl: 'https://chat.example.com/', host: '0.0.0.0', port: 3000, allowedOrigins: [] });
    assert.deepEqual([...pub], ['https://chat.example.com']);
    const wildcard = streamOrigins({ publicUrl: null, host: '0.0.0.0', port: 8080, allowedOrigins: [] });
    assert.ok(wildcard.has('http://localhost:8080'));
    const named = streamOrigins({ publicUrl: null, host: 'chat.internal', port: 80, allowedOrigins: [] });
    assert.deepEqual([...named], ['http://chat.internal'], 'a default port is not part of an origin');
  });

  it('refuse a foreign Origin even when Host names it (DNS rebinding); accept the server\'s own under each loopback name', async () => {
    const t = await startServer();
    try {
      const u = await t.user('origin-rebind');
      const rebound = openStream(t.url, { token: u.token!, origin: 'http://evil.example', headers: { host: 'evil.example' } });
      const refused = await new Promise<number>((resolve) => rebound.ws.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0)));
      assert.equal(refused, 403);
      const port = new URL(t.url).port;
      for (const origin of [`http://127.0.0.1:${port}`, `http://localhost:${port}`, `http://[::1]:${port}`]) {
        const s = openStream(t.url, { token: u.token!, origin });
        assert.equal((await s.next(isType('ready'))).type, 'ready', origin);
        s.close();
      }
    } finally {
      await t.close();
    }
  });

  it('with CHAT_PUBLIC_URL set, accept its origin and refuse the listening address', async () => {
    const t = await startServer({ publicUrl: 'https://chat.example.com' });
    try {
      const u = await t.user('origin-public');
      const s = openStream(t.url, { token: u.token!, origin: 'https://chat.example.com' });
      assert.equal((await s.next(isType('ready'))).type, 'ready');
      s.close();
      const local = openStream(t.url, { token: u.token!, origin: t.url });
      const status = await new Promise<number>((resolve) => local.ws.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0)));
      assert.equal(status, 403);
    } finally {
      await t.close();
    }
  });
});

describe('data at rest', () => {
  it('creates the data directory 0700 and the database files 0600, whatever the umask', async () => {
    const dataDir = join(tempDir(), 'nested', 'data');
    const previous = process.umask(0);
    let t: TestServer | undefined;
    try {
      t = await startServer({ dataDir }, { store: 'sqlite' }); // SQLite's own files, on either pass
      const a = await t.user('rest-a');
      await a.send({ to: 'rest-a', body: 'on disk' });
      assert.equal(statSync(dataDir).mode & 0o777, 0o700);
      for (const file of ['chat.sqlite', 'chat.sqlite-wal', 'chat.sqlite-shm']) {
        assert.equal(statSync(join(dataDir, file)).mode & 0o777, 0o600, file);
      }
    } finally {
      process.umask(previous);
      await t?.close();
    }
  });
});

describe('logs', () => {
  it('a client aborting a request is a debug line, not an error', async () => {
    const dataDir = tempDir();
    const server = await spawnServer(['--data-dir', dataDir], { LOG_LEVEL: 'debug' });
    try {
      const c = await rawConnection(server.url);
      c.socket.write('GET /api/get_messages HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 1000\r\n\r\nname_devices=');
      // The client can see no sign that the server began the request; give it a moment before going away.
      await new Promise((resolve) => setTimeout(resolve, 100));
      c.socket.destroy();
      await new Promise<void>((resolve) => {
        const check = () => server.output().includes('the client aborted the request') && resolve();
        server.child.stdout!.on('data', check);
        check();
      });
      const lines = server.output().split('\n').filter((l) => l.startsWith('{')).map((l) => JSON.parse(l) as { level: number; msg: string });
      const aborted = lines.find((l) => l.msg === 'the client aborted the request');
      assert.equal(aborted?.level, 20, 'logged at debug');
      assert.deepEqual(lines.filter((l) => l.level >= 50), [], 'no error line');
    } finally {
      server.child.kill('SIGTERM');
      await server.exited;
    }
  });
});
