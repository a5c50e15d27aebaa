// Child process: a bare `ws` server, the ceiling the stream figures are compared with.
//
// A client joins a room with `?room=<name>`; any frame {"room": name, ...} received
// from any socket is sent, as the same text, to every socket of that room. That is
// the chat server's stream path with the chat taken out: a message comes in on one
// connection (there an HTTP POST, here a ws frame), the server looks up who should
// get it (there the members' devices in the hub, here the room) and writes one text
// frame, serialized once, to each of them. A broadcast mirrors it better than an
// echo, which would measure one hop to one socket instead of a fan-out. Sockets with
// no room only send. Same socket options as the chat gateway: no compression.
import { createServer } from 'node:http';
import { WebSocketServer, type WebSocket } from 'ws';
import { serveBaseline } from './protocol.js';

const server = createServer((_req, res) => {
  res.writeHead(426, { 'content-type': 'text/plain' });
  res.end('WebSocket only');
});
const wss = new WebSocketServer({ server, perMessageDeflate: false, maxPayload: 16 * 1024 });
const rooms = new Map<string, Set<WebSocket>>();

wss.on('connection', (ws, request) => {
  ws.on('error', () => ws.terminate());
  const room = new URL(request.url ?? '/', 'http://localhost').searchParams.get('room');
  if (room !== null) {
    let members = rooms.get(room);
    if (!members) rooms.set(room, (members = new Set()));
    members.add(ws);
    ws.on('close', () => {
      members.delete(ws);
      if (members.size === 0 && rooms.get(room) === members) rooms.delete(room);
    });
  }
  ws.on('message', (data) => {
    const text = String(data);
    let target: unknown;
    try {
      target = (JSON.parse(text) as { room?: unknown }).room;
    } catch {
      return;
    }
    const members = typeof target === 'string' ? rooms.get(target) : undefined;
    if (!members) return;
    for (const member of members) member.send(text);
  });
});

serveBaseline(server, () => {
  for (const ws of wss.clients) ws.terminate();
  wss.close();
});
