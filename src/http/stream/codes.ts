// Close codes of the stream (API.md).
export const CLOSE = {
  goingAway: 1001,
  unauthorized: 4401,
  tooSlow: 4408,
  tooManyStreams: 4429,
} as const;

/** Browsers must authenticate with a first frame within this long. */
export const AUTH_TIMEOUT_MS = 5_000;
/** An account may hold at least this many open streams (API.md: 256). */
export const MAX_STREAMS_PER_ACCOUNT = 256;
/** Largest frame a client may send. */
export const MAX_CLIENT_FRAME_BYTES = 16 * 1024;
/** Events held for a stream while its backlog is read from the store. */
export const MAX_PENDING_EVENTS = 10_000;
/** Backlog is read from the store in pages of this many events. */
export const BACKLOG_PAGE = 500;
/** Typing frames a stream may send per window; more are dropped. */
export const TYPING_PER_WINDOW = 5;
export const TYPING_WINDOW_MS = 5_000;
