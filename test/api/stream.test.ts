// The WebSocket stream against the real server, with real ws clients.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { PASSWORD, raw, startServer, type TestServer } from '../helpers/server.js';
import { isType, openStream } from '../helpers/stream.js';

describe('stream', () => {
  let t: TestServer;
  // Long enough that a reconnect on a loaded machine lands inside it, short enough to wait out.
  before(async () => (t = await startServer({ presenceGraceMs: 1_500 })));
  after(() => t.close());

  it('fans out to every device of every member, the sender\'s other devices included', async () => {
    const aLaptop = await t.user('fan-a', 'laptop');
    const aPhone = await t.user('fan-a', 'phone');
    const bOne = await t.user('fan-b', 'one');
    const bTwo = await t.user('fan-b', 'two');
    const streams = [aLaptop, aPhone, bOne, bTwo].map((c) => openStream(t.url, { token: c.token! }));
    for (const s of streams) await s.next(isType('ready'));
    const sent = await aLaptop.send({ to: 'fan-b', body: 'to everyone' });
    for (const s of streams) {
      const e = await s.next(isType('message'));
      assert.ok(e.type === 'message');
      assert.equal(e.message.id, sent.id);
    }
    await bOne.markRead(sent.conversationId, sent.id);
    for (const s of streams) assert.equal((await s.next(isType('receipt'))).type, 'receipt');
    await aLaptop.deleteMessage(sent.id);
    for (const s of streams) assert.equal((await s.next(isType('message.deleted'))).type, 'message.deleted');
    streams.forEach((s) => s.close());
  });

  it('deleting an account sends message.deleted for each of its messages to the other members', async () => {
    const alice = await t.user('wipe-alice');
    const bob = await t.user('wipe-bob');
    const s = openStream(t.url, { token: bob.token! });
    await s.next(isType('ready'));
    const sent = [await alice.send({ to: 'wipe-bob', body: 'one' }), await alice.send({ to: 'wipe-bob', body: 'two' })];
    for (const m of sent) {
      const e = await s.next(isType('message'));
      assert.ok(e.type === 'message' && e.message.id === m.id);
    }
    await alice.deleteAccount(PASSWORD);
    const streamed = [await s.next(isType('message.deleted')), await s.next(isType('message.deleted'))];
    assert.deepEqual(
      streamed.map((e) => (e.type === 'message.deleted' ? { conversationId: e.conversationId, messageId: e.messageId } : e)),
      sent.map((m) => ({ conversationId: m.conversationId, messageId: m.id })),
    );
    const { events } = await bob.sync();
    assert.deepEqual(events, streamed, 'sync from the start holds the same events and no message from alice');
    s.close();
  });

  it('authenticates by a first frame; a bad token or a first frame other than auth closes with 4401', async () => {
    const u = await t.user('frame-user');
    const ok = openStream(t.url, { firstFrameToken: u.token! });
    assert.equal((await ok.next()).type, 'ready');
    ok.close();
    const bad = openStream(t.url, { token: 'not-a-token' });
    assert.equal((await bad.closed).code, 4401);
    const badFrame = openStream(t.url, { firstFrameToken: 'nope' });
    assert.equal((await badFrame.closed).code, 4401);
    const wrongFirst = openStream(t.url);
    wrongFirst.ws.on('open', () => wrongFirst.send({ type: 'ping' }));
    assert.equal((await wrongFirst.closed).code, 4401);
    // silence until CHAT_STREAM_AUTH_TIMEOUT: stream-hardening.test.ts
  });

  it('resumes with since while messages keep arriving: no gap, no repeat', async () => {
    const writer = await t.user('resume-w');
    const reader = await t.user('resume-r');
    for (let i = 0; i < 20; i++) await writer.send({ to: 'resume-r', body: `r${i}` });
    const { events } = await reader.sync({ limit: 5 });
    const since = events[4]!;
    assert.ok('cursor' in since);
    const total = 200;
    const sending = (async () => {
      for (let i = 20; i < total; i++) await writer.send({ to: 'resume-r', body: `r${i}` });
    })();
    const s = openStream(t.url, { token: reader.token!, since: since.cursor });
    const ready = await s.next(isType('ready'));
    assert.ok(ready.type === 'ready' && ready.cursor === since.cursor);
    const bodies: string[] = [];
    while (bodies.length < total - 5) {
      const e = await s.next(isType('message'));
      if (e.type === 'message') bodies.push(e.message.body);
    }
    await sending;
    assert.deepEqual(bodies, Array.from({ length: total - 5 }, (_, i) => `r${i + 5}`));
    s.close();
  });

  it('typing reaches the other members; ping gets pong', async () => {
    const a = await t.user('typer-a');
    const b = await t.user('typer-b');
    const m = await a.send({ to: 'typer-b', body: 'x' });
    const sa = openStream(t.url, { token: a.token! });
    const sb = openStream(t.url, { token: b.token! });
    await sa.next(isType('ready'));
    await sb.next(isType('ready'));
    sa.send({ type: 'typing', conversationId: m.conversationId });
    const typing = await sb.next(isType('typing'));
    assert.deepEqual(typing, { type: 'typing', conversationId: m.conversationId, userId: a.userId });
    sa.send({ type: 'ping' });
    assert.equal((await sa.next(isType('pong'))).type, 'pong');
    assert.ok(!sa.received.some((e) => e.type === 'typing'), 'the typist does not hear itself');
    sa.close();
    sb.close();
  });

  it('presence: online on the first stream, offline after the grace period, no flap on reconnect', async () => {
    const a = await t.user('pres-a');
    const b = await t.user('pres-b');
    await a.send({ to: 'pres-b', body: 'contacts now' });
    const watcher = openStream(t.url, { token: b.token! });
    await watcher.next(isType('ready'));
    const first = openStream(t.url, { token: a.token! });
    assert.deepEqual(await watcher.next(isType('presence')), { type: 'presence', userId: a.userId, online: true });
    // reconnect within the grace period: nothing announced
    first.close();
    await first.closed;
    const second = openStream(t.url, { token: a.token! });
    await second.next(isType('ready'));
    // the new stream learns that b is online
    assert.deepEqual(await second.next(isType('presence')), { type: 'presence', userId: b.userId, online: true });
    second.close();
    assert.deepEqual(await watcher.next(isType('presence')), { type: 'presence', userId: a.userId, online: false });
    assert.equal(watcher.received.filter((e) => e.type === 'presence').length, 2, 'online once, offline once');
    watcher.close();
  });

  it('revoking a device, signing out or changing the password closes its streams within 1 s', async () => {
    const keep = await t.user('rev-user', 'keep');
    const gone = await t.user('rev-user', 'gone');
    const s = openStream(t.url, { token: gone.token! });
    await s.next(isType('ready'));
    await keep.revokeDevice(gone.deviceId);
    // Timed from the acknowledgement: the bound is the stream's, not the disk's commit.
    const started = Date.now();
    assert.equal((await s.next(isType('device.revoked'))).type, 'device.revoked');
    assert.equal((await s.closed).code, 4401);
    assert.ok(Date.now() - started < 1000, `closed ${Date.now() - started} ms after the revocation`);

    const out = await t.user('rev-user', 'out');
    const s2 = openStream(t.url, { token: out.token! });
    await s2.next(isType('ready'));
    await out.logout();
    assert.equal((await s2.closed).code, 4401);

    const other = await t.user('rev-user', 'other');
    const s3 = openStream(t.url, { token: other.token! });
    const s4 = openStream(t.url, { token: keep.token! });
    await s3.next(isType('ready'));
    await s4.next(isType('ready'));
    await keep.updateMe({ password: 'a brand new password', currentPassword: 'correct horse battery' });
    assert.equal((await s3.closed).code, 4401);
    assert.equal(s4.ws.readyState, s4.ws.OPEN, 'the device that changed the password stays');
    s4.close();
  });

  it('refuses a foreign Origin with 403 before the upgrade; accepts its own and configured ones', async () => {
    const u = await t.user('origin-user');
    const foreign = openStream(t.url, { token: u.token!, origin: 'https://evil.example' });
    const status = await new Promise<number>((resolve) => foreign.ws.on('unexpected-response', (_req, res) => resolve(res.statusCode!)));
    assert.equal(status, 403);
    const own = openStream(t.url, { token: u.token!, origin: t.url });
    assert.equal((await own.next()).type, 'ready');
    own.close();
  });

  it('an account may hold 256 streams; the next is closed with 4429', async () => {
    const u = await t.user('many-streams');
    const streams = Array.from({ length: 256 }, () => openStream(t.url, { token: u.token! }));
    await Promise.all(streams.map((s) => s.next(isType('ready'))));
    const extra = openStream(t.url, { token: u.token! });
    assert.equal((await extra.closed).code, 4429);
    streams.forEach((s) => s.close());
    await Promise.all(streams.map((s) => s.closed));
  });

  it('counts open streams and delivered events in /metrics', async () => {
    const metric = async (name: string) => Number(new RegExp(`^${name} (\\d+)`, 'm').exec((await raw(t.url, '/metrics')).body)?.[1]);
    const a = await t.user('metric-a');
    await t.user('metric-b');
    const openBefore = await metric('chat_streams_open');
    const deliveredBefore = await metric('chat_stream_events_delivered_total');
    const s1 = openStream(t.url, { token: a.token! });
    const s2 = openStream(t.url, { token: a.token! });
    await s1.next(isType('ready'));
    await s2.next(isType('ready'));
    assert.equal(await metric('chat_streams_open'), openBefore + 2);
    await a.send({ to: 'metric-b', body: 'counted' });
    await s1.next(isType('message'));
    await s2.next(isType('message'));
    assert.equal(await metric('chat_stream_events_delivered_total'), deliveredBefore + 4, 'two ready frames and two messages');
    s1.close();
    s2.close();
    await s1.closed;
    await s2.closed;
  });

  it('a plain GET /v1/stream explains itself in the error shape; a bad since is 400', async () => {
    const r = await raw(t.url, '/v1/stream');
    assert.equal(r.status, 400);
    assert.equal(r.body.error.code, 'invalid_request');
    const u = await t.user('since-user');
    const bad = openStream(t.url, { token: u.token!, since: 'garbage' });
    const status = await new Promise<number>((resolve) => bad.ws.on('unexpected-response', (_req, res) => resolve(res.statusCode!)));
    assert.equal(status, 400);
  });
});

describe('stream: origins, slow readers, shutdown', () => {
  it('pings idle streams and drops one that does not answer', async () => {
    // Not shorter: the answering client shares this event loop, and a stall of one interval would drop it too.
    const t = await startServer({ streamPingIntervalMs: 500 });
    try {
      const u = await t.user('ping-user');
      const mute = openStream(t.url, { token: u.token!, autoPong: false });
      const answering = openStream(t.url, { token: u.token! });
      await mute.next(isType('ready'));
      await answering.next(isType('ready'));
      let pings = 0;
      const threePings = new Promise<void>((resolve) => answering.ws.on('ping', () => ++pings === 3 && resolve()));
      assert.equal((await mute.closed).code, 1006, 'terminated without a close frame');
      // Fails at once, saying why, if the answering stream is dropped instead of pinged.
      const first = await Promise.race([threePings.then(() => 'three pings'), answering.closed.then(({ code }) => `closed with ${code}`)]);
      assert.equal(first, 'three pings');
      assert.equal(answering.ws.readyState, answering.ws.OPEN);
      answering.close();
    } finally {
      await t.close();
    }
  });

  it('accepts an origin listed in CHAT_ALLOWED_ORIGINS', async () => {
    const t = await startServer({ allowedOrigins: ['https://chat.example.com'] });
    try {
      const u = await t.user('allowed-origin');
      const s = openStream(t.url, { token: u.token!, origin: 'https://chat.example.com' });
      assert.equal((await s.next()).type, 'ready');
      s.close();
      const other = openStream(t.url, { token: u.token!, origin: 'https://chat.example.org' });
      assert.equal(await new Promise<number>((resolve) => other.ws.on('unexpected-response', (_q, r) => resolve(r.statusCode!))), 403);
    } finally {
      await t.close();
    }
  });

  it('closes a reader that stops reading with 4408 and keeps its buffer bounded', async () => {
    const t = await startServer({ streamBufferBytes: 16_384 });
    try {
      const writer = await t.user('slow-w');
      const reader = await t.user('slow-r');
      const fast = await t.user('slow-r', 'fast');
      const slow = openStream(t.url, { token: reader.token! });
      const quick = openStream(t.url, { token: fast.token! });
      await slow.next(isType('ready'));
      await quick.next(isType('ready'));
      // Stop reading: the kernel buffers fill, then the server's send buffer.
      (slow.ws as unknown as { _socket: { pause(): void } })._socket.pause();
      const body = 'x'.repeat(4000);
      let sent = 0;
      const closedSlow = slow.closed.then(() => true);
      let dropped = false;
      void closedSlow.then(() => (dropped = true));
      while (!dropped && sent < 20_000) {
        await Promise.all(Array.from({ length: 50 }, () => writer.send({ to: 'slow-r', body })));
        sent += 50;
        const stats = await raw(t.url, '/metrics');
        if (/chat_streams_dropped_slow_total 1\b/.test(stats.body)) break;
      }
      const metrics = await raw(t.url, '/metrics');
      assert.match(metrics.body, /chat_streams_dropped_slow_total 1\b/);
      (slow.ws as unknown as { _socket: { resume(): void } })._socket.resume();
      assert.equal((await slow.closed).code, 4408);
      // the reader that kept up got everything, and the slow one can resume by cursor
      const last = await quick.next((e) => e.type === 'message' && quick.received.filter((x) => x.type === 'message').length === sent, 20_000);
      assert.equal(last.type, 'message');
      assert.equal(t.server.gateway.size, 1);
      quick.close();
    } finally {
      await t.close();
    }
  });

  it('on shutdown, writes the events of in-flight sends, then closes streams with 1001', async () => {
    const t = await startServer();
    const writer = await t.user('shut-w');
    const reader = await t.user('shut-r');
    const s = openStream(t.url, { token: reader.token! });
    await s.next(isType('ready'));
    const acknowledged: string[] = [];
    const sends = Array.from({ length: 100 }, (_, i) =>
      writer.send({ to: 'shut-r', body: `s${i}` }).then((m) => acknowledged.push(m.id), () => undefined),
    );
    await s.next(isType('message'));
    await t.close();
    await Promise.all(sends);
    const { code } = await s.closed;
    assert.equal(code, 1001);
    const streamed = new Set(s.received.flatMap((e) => (e.type === 'message' ? [e.message.id] : [])));
    for (const id of acknowledged) assert.ok(streamed.has(id), `acknowledged ${id} reached the stream before 1001`);
  });
});
