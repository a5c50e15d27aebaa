// CHAT_TRUST_PROXY: behind nginx, per-address limits count the client that
// X-Forwarded-For names, for HTTP and for the stream's upgrade; from anyone
// else, the header is ignored, so it cannot be used to dodge a limit.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { fromAddress } from '../helpers/raw-http.js';
import { startServer } from '../helpers/server.js';
import { isType, openStream } from '../helpers/stream.js';

const limits = { rateLimits: true, rateRegistrations: { points: 2, durationMs: 600_000 }, rateStreamOpens: { points: 1, durationMs: 60_000 } };
let n = 0;
const register = (url: string, from: string, forwardedFor?: string) => {
  const name = `tp-${process.pid}-${++n}`;
  return fromAddress(from, url, '/v1/accounts', {
    method: 'POST', body: { name, email: `${name}@example.com`, password: 'correct horse battery' },
    headers: forwardedFor ? { 'x-forwarded-for': forwardedFor } : {},
  });
};

/** The status of a stream upgrade with this X-Forwarded-For: 101 opened, else the refusal's status. */
async function upgrade(url: string, token: string, forwardedFor: string): Promise<number> {
  const s = openStream(url, { token, headers: { 'x-forwarded-for': forwardedFor } });
  const status = await Promise.race([
    s.next(isType('ready')).then(() => 101),
    new Promise<number>((resolve) => s.ws.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0))),
  ]);
  s.close();
  return status;
}

describe('trusted proxies', () => {
  it('without CHAT_TRUST_PROXY, X-Forwarded-For changes nothing: the socket address is counted', async () => {
    const t = await startServer(limits);
    try {
      const answers = [await register(t.url, '127.0.0.1', '203.0.113.1'), await register(t.url, '127.0.0.1', '203.0.113.2'), await register(t.url, '127.0.0.1', '203.0.113.3')];
      assert.deepEqual(answers.map((a) => a.status), [201, 201, 429]);
    } finally {
      await t.close();
    }
  });

  it('behind a trusted proxy, each forwarded client has its own count, over HTTP and for streams; an untrusted sender is counted as itself', async () => {
    const t = await startServer({ ...limits, trustProxy: ['127.0.0.1'] });
    try {
      const clients = [await register(t.url, '127.0.0.1', '203.0.113.1'), await register(t.url, '127.0.0.1', '203.0.113.2'), await register(t.url, '127.0.0.1', '203.0.113.3')];
      assert.deepEqual(clients.map((a) => a.status), [201, 201, 201], 'three clients behind one proxy');
      const same = [await register(t.url, '127.0.0.1', '203.0.113.9'), await register(t.url, '127.0.0.1', '203.0.113.9'), await register(t.url, '127.0.0.1', '203.0.113.9')];
      assert.deepEqual(same.map((a) => a.status), [201, 201, 429], 'one client behind the proxy');
      // 127.0.0.2 is not a trusted proxy: what it forwards is not believed.
      const spoofed = [await register(t.url, '127.0.0.2', '198.51.100.1'), await register(t.url, '127.0.0.2', '198.51.100.2'), await register(t.url, '127.0.0.2', '198.51.100.3')];
      assert.deepEqual(spoofed.map((a) => a.status), [201, 201, 429]);

      const u = await t.user('tp-streamer');
      assert.equal(await upgrade(t.url, u.token!, '203.0.113.50'), 101);
      assert.equal(await upgrade(t.url, u.token!, '203.0.113.50'), 429, 'the same client again');
      assert.equal(await upgrade(t.url, u.token!, '203.0.113.51'), 101, 'another client behind the same proxy');
    } finally {
      await t.close();
    }
  });
});
