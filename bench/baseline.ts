// Child process: a bare node:http server answering a small JSON body: the ceiling
// every figure of the bench is compared with.
import { createServer } from 'node:http';
import { serveBaseline } from './protocol.js';

const server = createServer((_req, res) => {
  const body = JSON.stringify({ status: 'ok' });
  res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(body) });
  res.end(body);
});

serveBaseline(server);
