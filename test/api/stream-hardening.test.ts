// The stream against hostile clients: hand-made frames before and after
// authentication, frames that are valid WebSocket but not valid client frames,
// and a seeded fuzz. Each must close only its own stream, with the right code,
// while the server and every other stream go on.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type WebSocket from 'ws';
import { raw, startServer, type TestServer } from '../helpers/server.js';
import { isType, openStream, type TestStream } from '../helpers/stream.js';
import { clientFrame } from '../helpers/raw-http.js';

const TEXT = 0x1;
const BINARY = 0x2;
const CLOSE = 0x8;
const PING = 0x9;

const socketOf = (s: TestStream) => (s.ws as unknown as { _socket: { write(b: Buffer): void } })._socket;

/** Hand-made frames and the close code each must get (RFC 6455 and ws's codes). */
const PROTOCOL_ERRORS: [string, () => Buffer, number][] = [
  ['a 17 KiB text frame', () => clientFrame(TEXT, Buffer.alloc(17 * 1024, 'x')), 1009],
  ['invalid UTF-8', () => clientFrame(TEXT, Buffer.from([0xff, 0xfe, 0xfd])), 1007],
  ['an unmasked frame', () => clientFrame(TEXT, Buffer.from('{"type":"ping"}'), { masked: false }), 1002],
  ['RSV1 set without an extension', () => clientFrame(TEXT, Buffer.from('{}'), { rsv: 4 }), 1002],
  ['opcode 3 (reserved)', () => clientFrame(3, Buffer.from('x')), 1002],
  ['a close frame with code 1005', () => clientFrame(CLOSE, Buffer.from([0x03, 0xed])), 1002],
  ['a ping of 126 bytes (control frames hold at most 125)', () => clientFrame(PING, Buffer.alloc(126)), 1002],
  ['a fragmented ping', () => clientFrame(PING, Buffer.from('x'), { fin: false }), 1002],
  ['a continuation with nothing to continue', () => clientFrame(0x0, Buffer.from('x')), 1002],
];

const INVALID_CLIENT_FRAMES: [string, Buffer, number][] = [
  ['null', Buffer.from('null'), TEXT],
  ['not JSON', Buffer.from('hello'), TEXT],
  ['an array', Buffer.from('[1,2]'), TEXT],
  ['a string', Buffer.from('"ping"'), TEXT],
  ['an unknown type', Buffer.from('{"type":"subscribe"}'), TEXT],
  ['no type', Buffer.from('{"conversationId":"x"}'), TEXT],
  ['typing with a number for conversationId', Buffer.from('{"type":"typing","conversationId":5}'), TEXT],
  ['auth with an object for token', Buffer.from('{"type":"auth","token":{}}'), TEXT],
  ['a binary frame', Buffer.from('{"type":"ping"}'), BINARY],
];

describe('stream hardening', () => {
  let t: TestServer;
  let watcher: TestStream;
  let writer: Awaited<ReturnType<TestServer['user']>>;
  let token: string;

  before(async () => {
    // Long enough that a bad frame written before authenticating is read before the timeout, on a loaded machine too.
    t = await startServer({ streamAuthTimeoutMs: 2_000 });
    writer = await t.user('hard-writer');
    const reader = await t.user('hard-reader');
    token = reader.token!;
    watcher = openStream(t.url, { token });
    await watcher.next(isType('ready'));
  });
  after(async () => {
    watcher.close();
    await t.close();
  });

  /** The server still serves, and the watcher's stream still delivers. */
  async function stillServing(label: string): Promise<void> {
    assert.equal((await raw(t.url, '/healthz')).status, 200, `healthz after ${label}`);
    const sent = await writer.send({ to: 'hard-reader', body: `after ${label}` });
    const e = await watcher.next((x) => x.type === 'message' && x.message.id === sent.id);
    assert.equal(e.type, 'message', `the other stream still delivers after ${label}`);
  }

  for (const authenticated of [false, true]) {
    const when = authenticated ? 'after authentication' : 'before authentication';
    for (const [label, frame, code] of PROTOCOL_ERRORS) {
      it(`${label} ${when} closes that stream with ${code}`, async () => {
        const s = openStream(t.url, authenticated ? { token } : {});
        if (authenticated) await s.next(isType('ready'));
        else await new Promise((resolve) => s.ws.once('open', resolve));
        socketOf(s).write(frame());
        assert.equal((await s.closed).code, code);
        await stillServing(`${label} ${when}`);
      });
    }
    for (const [label, payload, opcode] of INVALID_CLIENT_FRAMES) {
      it(`${label} ${when} closes that stream with 4400`, async () => {
        const s = openStream(t.url, authenticated ? { token } : {});
        if (authenticated) await s.next(isType('ready'));
        else await new Promise((resolve) => s.ws.once('open', resolve));
        socketOf(s).write(clientFrame(opcode, payload));
        assert.equal((await s.closed).code, 4400);
        await stillServing(`${label} ${when}`);
      });
    }
  }

  it('counts the streams closed for invalid frames', async () => {
    const metrics = await raw(t.url, '/metrics');
    const count = Number(/chat_stream_invalid_frames_total (\d+)/.exec(metrics.body as string)?.[1]);
    assert.equal(count, INVALID_CLIENT_FRAMES.length * 2);
  });

  it('a valid frame other than auth first closes with 4401; silence closes with 4401 after CHAT_STREAM_AUTH_TIMEOUT', async () => {
    const early = openStream(t.url);
    early.ws.on('open', () => early.send({ type: 'ping' }));
    assert.equal((await early.closed).code, 4401);
    const silent = openStream(t.url);
    const opened = Date.now();
    assert.equal((await silent.closed).code, 4401);
    assert.ok(Date.now() - opened >= 1_900, 'a silent client gets its time');
  });

  it('frames split across many small writes and a second auth frame are accepted', async () => {
    const s = openStream(t.url, { firstFrameToken: token });
    await s.next(isType('ready'));
    const ping = clientFrame(TEXT, Buffer.from('{"type":"ping"}'));
    for (const byte of ping) socketOf(s).write(Buffer.from([byte]));
    assert.equal((await s.next(isType('pong'))).type, 'pong');
    s.send({ type: 'auth', token: 'ignored-now' });
    s.send({ type: 'ping' });
    assert.equal((await s.next(isType('pong'))).type, 'pong');
    s.close();
  });

  it('survives a seeded fuzz of client frames', async () => {
    const random = mulberry32(0x5eed);
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)]!;
    const bytes = (n: number) => Buffer.from(Array.from({ length: n }, () => Math.floor(random() * 256)));
    const jsonish = () => pick([
      '{"type":"ping"}', '{"type":"typing","conversationId":"c"}', '{"type":"typing"}', '{"type":"auth","token":""}',
      '{"type":"auth","token":"x"}', '{"type":1}', '{}', 'null', 'true', '0', '"x"', '[', '{"type":"ping","extra":[1,{"a":null}]}',
      '{"__proto__":{"type":"ping"}}', '{"type":"typing","conversationId":"' + 'a'.repeat(5000) + '"}',
    ]);
    const frame = (): Buffer => {
      switch (Math.floor(random() * 6)) {
        case 0: return clientFrame(TEXT, Buffer.from(jsonish()));
        case 1: return clientFrame(pick([0, 1, 2, 3, 7, 8, 9, 10, 11, 15]), bytes(Math.floor(random() * 200)), { fin: random() < 0.8, rsv: random() < 0.2 ? Math.floor(random() * 8) : 0 });
        case 2: return bytes(1 + Math.floor(random() * 64));
        case 3: return clientFrame(TEXT, Buffer.from(jsonish()), { masked: random() < 0.5 });
        case 4: return clientFrame(TEXT, bytes(Math.floor(random() * 300)));
        default: return Buffer.concat([clientFrame(TEXT, Buffer.from(jsonish()), { fin: false }), clientFrame(0, Buffer.from(jsonish()))]);
      }
    };
    const closes = new Map<number, number>();
    for (let round = 0; round < 120; round++) {
      const authenticated = random() < 0.5;
      const s = openStream(t.url, authenticated ? { token } : {});
      if (authenticated) await s.next(isType('ready'));
      else await new Promise((resolve) => s.ws.once('open', resolve));
      const count = 1 + Math.floor(random() * 4);
      for (let i = 0; i < count && (s.ws as WebSocket).readyState === 1; i++) socketOf(s).write(frame());
      // The server may accept every frame (valid pings and typing): then the client ends it.
      if (random() < 0.5) s.ws.close();
      else setTimeout(() => s.ws.terminate(), 50).unref();
      const { code } = await s.closed;
      closes.set(code, (closes.get(code) ?? 0) + 1);
    }
    assert.ok(closes.size > 3, `several kinds of closes: ${JSON.stringify([...closes])}`);
    await stillServing('the fuzz');
  });
});

/** A small seeded PRNG, so a failing fuzz run can be replayed. */
function mulberry32(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let x = Math.imul(a ^ (a >>> 15), 1 | a);
    x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
    return ((x ^ (x >>> 14)) >>> 0) / 4_294_967_296;
  };
}
