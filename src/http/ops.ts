// Health, readiness, metrics, the OpenAPI document and its rendered docs, the web app.
import { Type } from '@sinclair/typebox';
import swaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance } from 'fastify';
import { ErrorBody } from '../contract/errors.js';
import { AppError } from '../domain/errors.js';
import type { Metrics } from './metrics.js';
import type { Services } from './services.js';
import { sendError } from './errors.js';
import { registerWeb } from './web.js';

const Status = Type.Object({ status: Type.String() });

export async function registerOps(app: FastifyInstance, services: Services, metrics: Metrics): Promise<void> {
  const tags = ['operations'];
  app.get('/healthz', { schema: { tags, summary: 'Liveness: the process answers', description: 'For a process supervisor: 200 while the server process runs, whatever its database does.', response: { 200: { ...Status, description: 'The process answers' } } } }, async () => ({ status: 'ok' }));

  app.get('/readyz', {
    schema: { tags, summary: 'Readiness: the database (and Redis, if used) answers', description: 'For a load balancer: 503 unavailable while the database does not answer or the server is shutting down.', response: { 200: { ...Status, description: 'Ready to serve' }, 503: { ...ErrorBody, description: 'unavailable: not ready (the message says why)' } } },
  }, async (_request, reply) => {
    const problem = await services.readiness();
    if (problem) return sendError(reply, new AppError('unavailable', problem));
    return { status: 'ok' };
  });

  app.get('/metrics', { schema: { tags, summary: 'Prometheus metrics', description: 'Requests by route and status, sends, logins, purges, streams, store commits, process metrics: Prometheus text format.', produces: ['text/plain'], response: { 200: { type: 'string', description: 'The metrics, in Prometheus text format' } } } }, async (_request, reply) => {
    reply.type(metrics.registry.contentType);
    return metrics.registry.metrics();
  });

  app.get('/openapi.json', { schema: { tags, summary: 'This API as OpenAPI 3', description: 'This document; /docs renders it.', response: { 200: { type: 'object', additionalProperties: true, description: 'The OpenAPI 3 document' } } } }, async () => app.swagger());

  await app.register(swaggerUi, { routePrefix: '/docs', uiConfig: { docExpansion: 'list', deepLinking: true } });
  await registerWeb(app);
}
