// The contract's plain values: limits, error codes, close codes. This file
// imports nothing, so the SDK (and through it the CLI and the web app) can
// export them without bundling the schema library.

export const Limits = {
  nameMin: 3,
  nameMax: 32,
  passwordMin: 8,
  passwordMax: 256,
  deviceNameMax: 64,
  bodyMax: 4096,
  clientIdMax: 64,
  titleMax: 128,
  historyPageMax: 200,
  historyPageDefault: 50,
  syncPageMax: 1000,
  syncPageDefault: 100,
  userSearchMax: 50,
  userSearchDefault: 20,
  groupMembersMax: 1000,
} as const;

export const ErrorCodes = [
  'invalid_request',
  'unauthorized',
  'invalid_credentials',
  'forbidden',
  'not_a_member',
  'not_found',
  'user_not_found',
  'conversation_not_found',
  'message_not_found',
  'name_taken',
  'email_taken',
  'request_timeout',
  'payload_too_large',
  'headers_too_large',
  'unsupported_media_type',
  'rate_limited',
  'unavailable',
  'internal',
] as const;
export type ErrorCode = (typeof ErrorCodes)[number];

/** Close codes of the stream (API.md), besides ws's own 1002, 1007 and 1009 for protocol errors. */
export const CloseCodes = {
  goingAway: 1001,
  invalidFrame: 4400,
  unauthorized: 4401,
  tooSlow: 4408,
  tooManyStreams: 4429,
} as const;
export type CloseCode = (typeof CloseCodes)[keyof typeof CloseCodes];

export const StreamLimits = {
  /** Largest frame a client may send, in bytes; larger closes the stream with 1009. */
  clientFrameMaxBytes: 16 * 1024,
  /** An account may hold at least this many open streams; more are refused with 4429. */
  streamsPerAccount: 256,
  /** Typing frames a stream may send per window; more are dropped. */
  typingPerWindow: 5,
  typingWindowMs: 5_000,
} as const;
