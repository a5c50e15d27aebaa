import type { ErrorDetail } from '../contract/errors.js';

/** An error answer of the API (or a network failure, status 0 and code `network_error`). */
export class ChatApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: ErrorDetail[],
    readonly retryAfter?: number,
  ) {
    super(message);
    this.name = 'ChatApiError';
  }
}
