import type { ErrorCode, ErrorDetail } from '../contract/errors.js';

const statusOf: Record<ErrorCode, number> = {
  invalid_request: 400,
  unauthorized: 401,
  invalid_credentials: 401,
  forbidden: 403,
  not_a_member: 403,
  not_found: 404,
  user_not_found: 404,
  conversation_not_found: 404,
  message_not_found: 404,
  name_taken: 409,
  email_taken: 409,
  request_timeout: 408,
  payload_too_large: 413,
  headers_too_large: 431,
  unsupported_media_type: 415,
  rate_limited: 429,
  unavailable: 503,
  internal: 500,
};

/** The one error type that crosses layers: a stable code, its HTTP status and a human message. */
export class AppError extends Error {
  readonly status: number;
  /** Seconds until a rate-limited caller may try again. */
  retryAfter?: number;

  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: ErrorDetail[],
  ) {
    super(message);
    this.name = 'AppError';
    this.status = statusOf[code];
  }
}

export function isAppError(e: unknown): e is AppError {
  return e instanceof AppError;
}
