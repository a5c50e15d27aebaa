// Frames made by src/http/stream/frame.ts, read by a real WebSocket client
// across every length encoding (7-bit, 16-bit, 64-bit).
import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import WebSocket, { WebSocketServer } from 'ws';
import { textFrame, wireFrame } from '../../src/http/stream/frame.js';

describe('stream frames', () => {
  let server: Server;
  let url: string;
  /** What the next connection is sent, written straight to the upgraded socket as the gateway does. */
  let payloads: Buffer[] = [];
  before(async () => {
    const wss = new WebSocketServer({ noServer: true });
    server = createServer();
    server.on('upgrade', (request, socket, head) => {
      wss.handleUpgrade(request, socket, head, () => {
        for (const p of payloads) socket.write(textFrame(p));
      });
    });
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    url = `ws://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(() => server.close());

  async function receive(sent: Buffer[]): Promise<{ text: string; binary: boolean }[]> {
    payloads = sent;
    const ws = new WebSocket(url);
    const got: { text: string; binary: boolean }[] = [];
    await new Promise<void>((resolve, reject) => {
      ws.on('message', (data, isBinary) => {
        got.push({ text: String(data), binary: isBinary });
        if (got.length === sent.length) resolve();
      });
      ws.on('error', reject);
      ws.on('close', (code) => reject(new Error(`closed ${code} after ${got.length} of ${sent.length} frames`)));
    });
    ws.terminate();
    return got;
  }

  it('a client reads each length encoding back as the same text frame', async () => {
    const lengths = [0, 1, 125, 126, 65_535, 65_536, 100_000];
    const sent = lengths.map((n, i) => Buffer.from(String.fromCharCode(97 + i).repeat(n)));
    const got = await receive(sent);
    assert.deepEqual(got.map((g) => g.text.length), lengths);
    assert.ok(got.every((g, i) => !g.binary && g.text === sent[i]!.toString()), 'text frames with the bytes that were sent');
  });

  it('an event is framed once, as its JSON in UTF-8, however many times it is written', async () => {
    const event = { type: 'typing' as const, conversationId: 'c1', userId: 'ünïcödé ✓' };
    const first = wireFrame(event);
    assert.equal(wireFrame(event), first, 'the same bytes object for the same event');
    payloads = [];
    const got = await receive([Buffer.from(JSON.stringify(event))]);
    assert.deepEqual(JSON.parse(got[0]!.text), event);
    assert.equal(first.subarray(2).toString(), JSON.stringify(event));
  });
});
