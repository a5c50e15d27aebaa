import type { ErrorDetail } from '../contract/errors.js';
import type { ErrorCode } from '../contract/values.js';

/**
 * The API's error codes, and the SDK's own: `network_error` (no answer) and
 * `http_error` (an answer not in the error shape, e.g. from a proxy).
 */
export type ChatApiErrorCode = ErrorCode | 'network_error' | 'http_error';

/** An error answer of the API (or a network failure, status 0 and code `network_error`). */
export class ChatApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: ChatApiErrorCode,
    message: string,
    readonly details?: ErrorDetail[],
    readonly retryAfter?: number,
  ) {
    super(message);
    this.name = 'ChatApiError';
  }
}
