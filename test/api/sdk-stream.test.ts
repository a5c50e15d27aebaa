// The SDK's stream client: typed events, and on its own a reconnect with backoff
// that resumes from the last cursor - across a full server restart.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import WebSocket from 'ws';
import type { StreamEvent, StreamState } from '../../src/sdk/index.js';
import { ChatStream } from '../../src/sdk/index.js';
import { freePort } from '../helpers/process.js';
import { startServer, tempDir } from '../helpers/server.js';

function collector() {
  const events: StreamEvent[] = [];
  const states: StreamState[] = [];
  let wake: (() => void) | null = null;
  const notify = () => wake?.();
  return {
    events,
    states,
    onEvent: (e: StreamEvent) => (events.push(e), notify()),
    onState: (s: StreamState) => (states.push(s), notify()),
    /** Waits until `done()` holds, re-checking on every event or state change. */
    until: (done: () => boolean) =>
      new Promise<void>((resolve) => {
        const check = () => (done() ? resolve() : (wake = check));
        check();
      }),
  };
}

const bodies = (events: StreamEvent[]) => events.flatMap((e) => (e.type === 'message' ? [e.message.body] : []));

describe('SDK stream client', () => {
  it('reconnects after a server restart and resumes without gap or repeat', async () => {
    const dataDir = tempDir();
    const port = await freePort();
    let t = await startServer({ dataDir, port });
    try {
      const writer = await t.user('sdk-w');
      const reader = await t.user('sdk-r');
      const c = collector();
      const stream = new ChatStream({
        baseUrl: t.url, token: reader.token!, WebSocket,
        onEvent: c.onEvent, onState: c.onState, backoff: { initialMs: 50, maxMs: 200 },
      }).start();
      await c.until(() => c.states.includes('open'));
      for (let i = 0; i < 5; i++) await writer.send({ to: 'sdk-r', body: `a${i}` });
      await c.until(() => bodies(c.events).length === 5);

      await t.close(); // the stream closes with 1001; the client starts reconnecting
      await c.until(() => c.states.includes('reconnecting'));
      t = await startServer({ dataDir, port });
      const writer2 = t.client();
      await writer2.login({ login: 'sdk-w', password: 'correct horse battery', deviceName: 'again' });
      for (let i = 0; i < 5; i++) await writer2.send({ to: 'sdk-r', body: `b${i}` });
      await c.until(() => bodies(c.events).length >= 10);
      assert.deepEqual(bodies(c.events), ['a0', 'a1', 'a2', 'a3', 'a4', 'b0', 'b1', 'b2', 'b3', 'b4']);
      assert.equal(c.states.filter((s) => s === 'open').length, 2);
      const lastCursor = c.events.at(-1);
      assert.ok(lastCursor && 'cursor' in lastCursor && stream.cursor === lastCursor.cursor);
      stream.close();
    } finally {
      await t.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('stops for good when its device is revoked', async () => {
    const t = await startServer();
    try {
      const keep = await t.user('sdk-rev', 'keep');
      const gone = await t.user('sdk-rev', 'gone');
      const c = collector();
      gone.stream({ WebSocket, onEvent: c.onEvent, onState: c.onState });
      await c.until(() => c.states.includes('open'));
      await keep.revokeDevice(gone.deviceId);
      await c.until(() => c.states.includes('unauthorized'));
      assert.deepEqual(c.events.map((e) => e.type), ['device.revoked']);
      assert.ok(!c.states.includes('reconnecting'));
    } finally {
      await t.close();
    }
  });
});
