// One structured line per request, and the route metrics. The URL is logged
// without its query string: the seed's API puts passwords and device names
// (bearer secrets) there. Bodies and headers are never logged.
import type { FastifyInstance } from 'fastify';
import type { Metrics } from './metrics.js';

export function registerRequestLog(app: FastifyInstance, metrics: Metrics): void {
  app.addHook('onResponse', async (request, reply) => {
    const route = request.routeOptions.url ?? 'unmatched';
    const ms = reply.elapsedTime;
    metrics.requests.inc({ method: request.method, route, status: String(reply.statusCode) });
    metrics.duration.observe({ method: request.method, route }, ms / 1000);
    request.log.info(
      {
        method: request.method,
        path: request.url.split('?')[0],
        route,
        status: reply.statusCode,
        ms: Math.round(ms * 100) / 100,
        user: request.auth?.user.id,
        device: request.auth?.device.id,
      },
      'request',
    );
  });
}
