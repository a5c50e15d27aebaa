// Child process: a bare node:http server answering a small JSON body: the ceiling
// every figure of the bench is compared with.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { answerCpuProbes, send } from './protocol.js';

const server = createServer((_req, res) => {
  const body = JSON.stringify({ status: 'ok' });
  res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(body) });
  res.end(body);
});

function stop(): void {
  server.close(() => process.exit(0));
  server.closeAllConnections();
}
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
process.on('disconnect', stop); // the bench died: do not outlive it

answerCpuProbes();
server.listen(0, '127.0.0.1', () => {
  const { port } = server.address() as AddressInfo;
  send({ type: 'ready', url: `http://127.0.0.1:${port}` });
});
