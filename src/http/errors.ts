// Every failure -> {"error": {code, message, details?}} with its status.
// Framework and plugin errors are mapped here too, so no answer escapes the shape.
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import type { ErrorBody, ErrorCode, ErrorDetail } from '../contract/errors.js';
import { AppError, isAppError } from '../domain/errors.js';
import { fieldProblems, problemSentence, type ValidationItem } from './validation-messages.js';

export function errorBody(code: ErrorCode | string, message: string, details?: ErrorDetail[]): ErrorBody {
  return details ? { error: { code, message, details } } : { error: { code, message } };
}

const CODE_BY_STATUS: Record<number, ErrorCode> = {
  400: 'invalid_request',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not_found',
  405: 'not_found',
  408: 'request_timeout',
  413: 'payload_too_large',
  415: 'unsupported_media_type',
  431: 'headers_too_large',
  429: 'rate_limited',
  503: 'unavailable',
};

/** Turns any thrown error into an AppError a client may see. */
export function toAppError(err: FastifyError | Error | unknown): AppError {
  if (isAppError(err)) return err;
  const e = err as FastifyError & { validation?: ValidationItem[]; validationContext?: string };
  if (Array.isArray(e.validation)) {
    // An over-long message body is "too large", not "invalid" (API.md: 413).
    if (e.validation.some((v) => v.keyword === 'maxLength' && v.instancePath === '/body')) {
      return new AppError('payload_too_large', 'The message body is longer than 4096 characters', [{ field: 'body', message: 'at most 4096 characters' }]);
    }
    const details = fieldProblems(e.validation, e.validationContext);
    return new AppError('invalid_request', problemSentence(details), details);
  }
  switch (e.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return new AppError('payload_too_large', 'The request body is too large');
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return new AppError('unsupported_media_type', 'Send the body as application/json');
    case 'FST_ERR_MAX_PARAM_LENGTH':
      return new AppError('invalid_request', 'A path parameter is too long');
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return new AppError('invalid_request', 'The body is not valid JSON');
  }
  if (e instanceof SyntaxError || e.statusCode === 400) return new AppError('invalid_request', 'The request is malformed');
  const status = typeof e.statusCode === 'number' ? e.statusCode : 500;
  const code = CODE_BY_STATUS[status];
  if (code && status < 500) return new AppError(code, e.message || 'The request was refused');
  return new AppError('internal', 'Something went wrong on our side');
}

export function sendError(reply: FastifyReply, err: AppError): FastifyReply {
  if (err.retryAfter !== undefined) reply.header('retry-after', String(err.retryAfter));
  closeIfBodyUnread(reply);
  return reply.code(err.status).type('application/json; charset=utf-8').send(errorBody(err.code, err.message, err.details));
}

/**
 * An answer given before the request's body was read whole (413, or a refusal
 * before the body arrived) closes the connection: the unread rest of the body
 * would otherwise be taken for the next request on a keep-alive connection, or
 * leave it waiting.
 */
export function closeIfBodyUnread(reply: FastifyReply): void {
  if (!reply.request.raw.complete) reply.header('connection', 'close');
}

/** The client went away mid-request (Node's "aborted"): nobody to answer, nothing wrong with the server. */
export function isClientAbort(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return code === 'ECONNRESET' || code === 'ERR_STREAM_PREMATURE_CLOSE';
}

export function errorHandler(this: unknown, err: FastifyError, request: FastifyRequest, reply: FastifyReply) {
  if (isClientAbort(err)) {
    request.log.debug({ code: err.code }, 'the client aborted the request');
    return reply.code(400).send(errorBody('invalid_request', 'The request was aborted'));
  }
  const appError = toAppError(err);
  if (appError.status >= 500) request.log.error({ err }, 'request failed');
  return sendError(reply, appError);
}

export function notFoundHandler(request: FastifyRequest, reply: FastifyReply) {
  return sendError(reply, new AppError('not_found', `No route ${request.method} ${request.url.split('?')[0]}`));
}
