// Errors Node's HTTP parser raises before a request exists (a bad method, a bad
// chunk size, a header block too large, a request that did not arrive in time)
// get the API's error shape too, written straight to the socket, which then closes.
import type { Socket } from 'node:net';
import type { FastifyInstance } from 'fastify';
import type { ErrorCode } from '../contract/errors.js';
import { errorBody } from './errors.js';

const ANSWERS: Record<string, [status: number, reason: string, code: ErrorCode, message: string]> = {
  ERR_HTTP_REQUEST_TIMEOUT: [408, 'Request Timeout', 'request_timeout', 'The request did not arrive in time'],
  HPE_HEADER_OVERFLOW: [431, 'Request Header Fields Too Large', 'headers_too_large', 'The request headers are too large'],
};
const MALFORMED: [number, string, ErrorCode, string] = [400, 'Bad Request', 'invalid_request', 'The request is not valid HTTP/1.1'];

type ParserSocket = Socket & { _httpMessage?: { headersSent?: boolean } | null };

export function clientErrorHandler(this: FastifyInstance, err: Error & { code?: string }, socket: ParserSocket): void {
  // A reset connection has nobody to answer.
  if (err.code === 'ECONNRESET' || socket.destroyed) return;
  const [status, reason, code, message] = ANSWERS[err.code ?? ''] ?? MALFORMED;
  this.log.debug({ code: err.code, status }, 'client error');
  // As Node does: answer only if no answer to this connection has begun.
  if (socket.writable && !socket._httpMessage?.headersSent) {
    const body = JSON.stringify(errorBody(code, message));
    socket.end(`HTTP/1.1 ${status} ${reason}\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`);
  }
  socket.destroySoon();
}
