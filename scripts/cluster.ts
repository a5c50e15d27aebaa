// npm run cluster: several instances on one machine, to try them out - a
// throwaway PostgreSQL and Redis from this machine's binaries, two chat-api
// instances on them, and nginx in front with deploy/nginx.conf, on
// 127.0.0.1:3000 (PORT to change it). Ctrl+C stops everything and removes its
// data. It reuses the test suite's helpers, which start exactly this.
import { startCluster } from '../test/helpers/cluster.js';
import { startNginx } from '../test/helpers/nginx.js';
import { buildWebIfStale } from './web-build.js';

const port = Number(process.env.PORT ?? 3000);
if (!Number.isInteger(port) || port < 1 || port > 65535) {
  console.error(`cluster: PORT=${process.env.PORT} is not a port number`);
  process.exit(2);
}

await buildWebIfStale();
const cluster = await startCluster(2, { rateLimits: true, trustProxy: ['127.0.0.1'], publicUrl: `http://127.0.0.1:${port}`, logLevel: 'info' });
let nginx: Awaited<ReturnType<typeof startNginx>>;
try {
  nginx = await startNginx(cluster.instances.map((i) => i.url), { port });
} catch (err) {
  await cluster.close();
  throw err;
}

console.log(
  [
    `cluster ready: ${nginx.url} (nginx with deploy/nginx.conf)`,
    ...cluster.instances.map((i, n) => `  instance ${n + 1}: ${i.url}`),
    `  PostgreSQL: ${cluster.databaseUrl}`,
    `  Redis: ${cluster.redis.url}`,
    'Ctrl+C stops everything and removes its data.',
  ].join('\n'),
);

let stopping = false;
async function stop(): Promise<void> {
  if (stopping) return;
  stopping = true;
  await nginx.close();
  await cluster.close();
  console.log('cluster stopped');
  process.exit(0);
}
process.on('SIGINT', () => void stop());
process.on('SIGTERM', () => void stop());
