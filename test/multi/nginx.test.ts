// nginx with the shipped deploy/nginx.conf in front of two instances on one
// PostgreSQL and one Redis: HTTP and the WebSocket stream through it, requests
// spread over both instances with no sticky sessions, and the per-address
// limits counting the client behind it (CHAT_TRUST_PROXY).
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ChatClient } from '../../src/sdk/index.js';
import type { StreamEvent } from '../../src/contract/index.js';
import { PASSWORD, startCluster, type Cluster } from '../helpers/cluster.js';
import { startNginx, type Nginx } from '../helpers/nginx.js';
import { fromAddress } from '../helpers/raw-http.js';
import { isType, openStream } from '../helpers/stream.js';

/** How many requests an instance has answered, from its own /metrics. */
async function requestsServed(url: string): Promise<number> {
  const text = await (await fetch(`${url}/metrics`)).text();
  return text
    .split('\n')
    .filter((l) => l.startsWith('http_requests_total{'))
    .reduce((sum, l) => sum + Number(l.split(' ').at(-1)), 0);
}

describe('behind nginx (deploy/nginx.conf)', { concurrency: false, timeout: 120_000 }, () => {
  let c: Cluster;
  let nginx: Nginx;
  before(async () => {
    c = await startCluster(2, { trustProxy: ['127.0.0.1'], rateLimits: true, rateRegistrations: { points: 3, durationMs: 600_000 } });
    nginx = await startNginx(c.instances.map((i) => i.url));
  });
  after(async () => {
    await nginx?.close();
    await c?.close();
  });

  const viaNginx = (token?: string) => new ChatClient({ baseUrl: nginx.url, token, retries: 0 });

  it('HTTP and streams go through it to both instances, and events cross between them', async () => {
    const before = await Promise.all(c.instances.map((i) => requestsServed(i.url)));
    const alice = viaNginx();
    const bob = viaNginx();
    await alice.register({ name: 'ng-alice', email: 'ng-alice@example.com', password: PASSWORD });
    await bob.register({ name: 'ng-bob', email: 'ng-bob@example.com', password: PASSWORD });
    await alice.login({ login: 'ng-alice', password: PASSWORD, deviceName: 'browser' });
    await bob.login({ login: 'ng-bob', password: PASSWORD, deviceName: 'browser' });

    // Several streams each, so both instances hold some of them.
    const bobStreams = Array.from({ length: 4 }, () => openStream(nginx.url, { token: bob.token! }));
    const aliceStreams = Array.from({ length: 4 }, () => openStream(nginx.url, { token: alice.token! }));
    await Promise.all([...bobStreams, ...aliceStreams].map((s) => s.next(isType('ready'))));
    const isBody = (body: string) => (e: StreamEvent) => e.type === 'message' && e.message.body === body;
    for (let i = 0; i < 6; i++) {
      await alice.send({ to: 'ng-bob', body: `to bob ${i}` });
      await bob.send({ to: 'ng-alice', body: `to alice ${i}` });
    }
    for (const s of bobStreams) for (let i = 0; i < 6; i++) await s.next(isBody(`to bob ${i}`), 10_000);
    for (const s of aliceStreams) for (let i = 0; i < 6; i++) await s.next(isBody(`to alice ${i}`), 10_000);
    for (const s of [...bobStreams, ...aliceStreams]) s.close();

    const served = (await Promise.all(c.instances.map((i) => requestsServed(i.url)))).map((n, i) => n - before[i]!);
    assert.ok(served.every((n) => n > 0), `both instances answered requests through nginx: ${served.join(', ')}`);
  });

  it('per-address limits count the client nginx forwards for, across both instances, and a forged X-Forwarded-For does not get around them', async () => {
    const register = (from: string, n: number) =>
      fromAddress(from, nginx.url, '/v1/accounts', {
        method: 'POST', body: { name: `ng-limit-${from.replace(/\./g, '-')}-${n}`, email: `ng-limit-${from}-${n}@example.com`, password: PASSWORD },
        headers: { 'x-forwarded-for': `203.0.113.${n}` }, // forged: nginx appends the real address, which is what counts
      });
    const client2 = [];
    for (let n = 0; n < 4; n++) client2.push((await register('127.0.0.2', n)).status);
    // Round-robin spreads the four over both instances: the limit of 3 holds because it is counted in Redis.
    assert.deepEqual(client2, [201, 201, 201, 429]);
    assert.equal((await register('127.0.0.3', 0)).status, 201, 'another client behind the same nginx');
  });
});
