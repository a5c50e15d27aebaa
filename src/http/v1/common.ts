// What every v1 route file shares: the services it calls and the error answers it documents.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyBaseLogger, RawReplyDefaultExpression, RawRequestDefaultExpression, RawServerDefault } from 'fastify';
import { Type } from '@sinclair/typebox';
import { ErrorBody } from '../../contract/errors.js';
import type { Services } from '../services.js';

export type App = FastifyInstance<RawServerDefault, RawRequestDefaultExpression, RawReplyDefaultExpression, FastifyBaseLogger, TypeBoxTypeProvider>;

export type RouteModule = (app: App, services: Services) => void;

/** Success answers plus the error statuses a route may give, all in the one error shape. */
type E = typeof ErrorBody;
type ErrorAnswers = { 400: E; 401: E; 403?: E; 404?: E; 409?: E; 413?: E; 415: E; 429: E; 500: E; 503: E };

export function answers<T extends object>(success: T, ...errorStatuses: (403 | 404 | 409 | 413)[]): T & ErrorAnswers {
  const out: Record<number, unknown> = { ...(success as Record<number, unknown>) };
  // The document drops 401 from public routes and 415 from routes without a body (openapi/document.ts).
  for (const status of [400, 401, 415, 429, 500, 503, ...errorStatuses]) out[status] = ErrorBody;
  return out as T & ErrorAnswers;
}

/** The schema of a 204 answer. */
export const NoContent = Type.Null({ description: 'No content' });

export const bearer = [{ bearer: [] as string[] }];

export const clientIp = (request: FastifyRequest): string => request.ip;
