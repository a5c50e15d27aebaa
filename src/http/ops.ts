// Health, readiness, metrics, the OpenAPI document and its rendered docs.
import { Type } from '@sinclair/typebox';
import swaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance } from 'fastify';
import { ErrorBody } from '../contract/errors.js';
import { AppError } from '../domain/errors.js';
import type { Metrics } from './metrics.js';
import type { Services } from './services.js';
import { sendError } from './errors.js';

const Status = Type.Object({ status: Type.String() });

export async function registerOps(app: FastifyInstance, services: Services, metrics: Metrics): Promise<void> {
  const tags = ['operations'];
  app.get('/healthz', { schema: { tags, summary: 'Liveness: the process answers', response: { 200: Status } } }, async () => ({ status: 'ok' }));

  app.get('/readyz', {
    schema: { tags, summary: 'Readiness: the database (and Redis, if used) answers', response: { 200: Status, 503: ErrorBody } },
  }, async (_request, reply) => {
    const problem = await services.readiness();
    if (problem) return sendError(reply, new AppError('unavailable', problem));
    return { status: 'ok' };
  });

  app.get('/metrics', { schema: { tags, summary: 'Prometheus metrics', produces: ['text/plain'] } }, async (_request, reply) => {
    reply.type(metrics.registry.contentType);
    return metrics.registry.metrics();
  });

  app.get('/openapi.json', { schema: { tags, summary: 'This API as OpenAPI 3' } }, async () => app.swagger());

  await app.register(swaggerUi, { routePrefix: '/docs', uiConfig: { docExpansion: 'list', deepLinking: true } });
}
