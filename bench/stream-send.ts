// The two ways a measured message goes out: an HTTP POST /v1/messages to the chat
// server over keep-alive connections, or a text frame on a sender socket of the
// bare ws server. Both stamp the body with the sequence number the receivers read.
import { Agent, request } from 'node:http';
import type { WebSocket } from 'ws';
import type { Issue } from './stream-latency.js';
import { BODY_PADDING } from './stream-seed.js';

export interface HttpSender {
  issue: Issue;
  close(): void;
}

/**
 * POSTs over at most `connections` keep-alive connections (more sends wait in the
 * agent's queue, and that wait is part of the measured latency).
 * `route(seq, room)` names the sending device's token and the conversation.
 */
export function httpSender(baseUrl: string, connections: number, route: (seq: number, room: number) => { token: string; conversationId: string }): HttpSender {
  const url = new URL(baseUrl);
  const agent = new Agent({ keepAlive: true, maxSockets: connections, maxFreeSockets: connections });
  const prefix = `st-${process.pid}-${Date.now().toString(36)}-`;
  const issue: Issue = (seq, room, done) => {
    const { token, conversationId } = route(seq, room);
    // A clientId per message, as the SDK sends: the server runs its idempotency check as in real use.
    const body = `{"conversationId":${JSON.stringify(conversationId)},"body":"lat:${seq}${BODY_PADDING}","clientId":"${prefix}${seq}"}`;
    let settled = false;
    const finish = (ok: boolean) => {
      if (settled) return;
      settled = true;
      done(ok);
    };
    const req = request({
      agent,
      host: url.hostname,
      port: url.port,
      method: 'POST',
      path: '/v1/messages',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), accept: 'application/json' },
    }, (res) => {
      res.resume();
      res.on('end', () => finish(res.statusCode === 201));
      res.on('error', () => finish(false));
    });
    req.on('error', () => finish(false));
    req.end(body);
  };
  return { issue, close: () => agent.destroy() };
}

/**
 * Sends frames of the chat stream's shape and size (a captured message frame with a
 * "room" field in front) round-robin over the sender sockets. The bare server has
 * no answer to wait for: a send is done once it is written.
 */
export function wsSender(senders: WebSocket[], sampleFrame: string, roomName: (room: number) => string): Issue {
  const at = sampleFrame.indexOf('lat:0');
  if (at < 0 || !sampleFrame.startsWith('{')) throw new Error('the sample frame has no "lat:0" body');
  const head = sampleFrame.slice(1, at);
  const tail = sampleFrame.slice(at + 'lat:0'.length);
  return (seq, room, done) => {
    senders[seq % senders.length]!.send(`{"room":${JSON.stringify(roomName(room))},${head}lat:${seq}${tail}`);
    done(true);
  };
}
