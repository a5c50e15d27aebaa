// Builds the Fastify app from (config, services, metrics). No globals: tests
// build as many apps as they like, each on its own store.
import Fastify, { LogController, type FastifyInstance } from 'fastify';
import swagger from '@fastify/swagger';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { Config } from '../config.js';
import { clientErrorHandler } from './client-errors.js';
import { errorHandler, notFoundHandler, sendError, toAppError } from './errors.js';
import { legacyPlugin } from './legacy.js';
import type { Metrics } from './metrics.js';
import { swaggerOptions } from './openapi/document.js';
import { registerNulRefusal } from './nul-text.js';
import { registerOps } from './ops.js';
import { registerRequestLog } from './request-log.js';
import type { Services } from './services.js';
import { registerV1 } from './v1/index.js';
import { validatorCompiler } from './validation.js';
import { registerStreamRoute } from './stream/route.js';

export const API_DESCRIPTION = `The chat-api JSON API (v1): accounts, device sessions, direct and group conversations,
history, a sync feed with cursors, receipts. Every error is {"error": {"code", "message", "details"?}}.
Authenticate with \`Authorization: Bearer <token>\` from POST /v1/sessions.
Choices where the contract is silent: any member may add members to a group; only its creator may remove others;
anyone may leave; a direct conversation cannot gain or lose members. Receipts go to every member, the reader's
other devices included. A conversation id a caller holds but is not a member of answers 403 not_a_member.`;

export async function buildApp(config: Config, services: Services, metrics: Metrics): Promise<FastifyInstance> {
  const app = Fastify({
    logger: { level: config.logLevel, redact: ['req.headers.authorization', 'password', 'token'] },
    // request-log.ts writes the one line per request; Fastify's own two lines are off.
    logController: new LogController({ disableRequestLogging: true }),
    bodyLimit: config.bodyLimitBytes,
    // Behind nginx, request.ip is the client X-Forwarded-For names, when the proxy is one we trust.
    trustProxy: config.trustProxy.length > 0 ? config.trustProxy : false,
    return503OnClosing: true,
    // Errors the router raises before any route runs (a bad %-escape, an over-long path parameter) get the one shape too.
    frameworkErrors: (err, _request, reply) => sendError(reply, toAppError(err)),
    forceCloseConnections: 'idle',
    // No connection hangs: a body (or a header block) that does not arrive in time is answered 408 and closed.
    requestTimeout: config.requestTimeoutMs,
    http: { headersTimeout: config.headersTimeoutMs, connectionsCheckingInterval: Math.min(1_000, config.headersTimeoutMs / 2) },
    clientErrorHandler,
  }).withTypeProvider<TypeBoxTypeProvider>();

  app.setValidatorCompiler(validatorCompiler());
  app.decorateRequest('auth', null);
  app.setErrorHandler(errorHandler);
  app.setNotFoundHandler(notFoundHandler);
  // v1 speaks JSON only: without this, Fastify's default text/plain parser lets a text body reach validation (400, not 415).
  app.removeContentTypeParser('text/plain');
  registerRequestLog(app, metrics);
  registerNulRefusal(app);

  await app.register(swagger, swaggerOptions(API_DESCRIPTION));

  registerV1(app, services);
  registerStreamRoute(app);
  if (config.legacyApi) await app.register(legacyPlugin, { services, bodyLimit: config.bodyLimitBytes });
  await registerOps(app, services, metrics);
  return app;
}
