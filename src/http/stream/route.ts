// GET /v1/stream without an upgrade: documents the stream in OpenAPI and tells
// a plain HTTP caller how to open it. Upgrades never reach this route; the
// gateway takes them from the server's 'upgrade' event.
import type { FastifyInstance } from 'fastify';
import { Type } from '@sinclair/typebox';
import { ErrorBody } from '../../contract/errors.js';
import { AppError } from '../../domain/errors.js';
import { STREAM_PATH } from './gateway.js';

export const STREAM_DESCRIPTION = `WebSocket. Authenticate with Authorization: Bearer on the upgrade, or send {"type":"auth","token":"..."} as the first frame within 5 s (browsers); otherwise the stream closes with 4401.
The server sends {"type":"ready","cursor"}, then every event after since (if given), then live events, in order, without gaps or repeats:
message, message.deleted, receipt (with cursors, as in /v1/sync), typing, presence (live only) and device.revoked (then close).
ready.cursor is the position the stream starts after: since if given, else the newest event of the account.
Client frames: {"type":"typing","conversationId"} (at most 5 per 5 s), {"type":"ping"} (answered {"type":"pong"}); text frames of JSON, at most 16 KiB.
A WebSocket protocol error closes the stream with 1002, 1007 (invalid UTF-8) or 1009 (too large); a frame that is not a valid client frame
(not JSON, not an object, an unknown type, a wrong field type, binary) closes it with 4400, before or after authentication.
The server pings idle streams every CHAT_STREAM_PING_INTERVAL and drops those that do not answer.
An upgrade with an Origin header is accepted only from the origin of CHAT_PUBLIC_URL (default http://HOST:PORT; a loopback HOST as localhost,
127.0.0.1 and [::1] alike) or CHAT_ALLOWED_ORIGINS, never judged by the Host header (else 403 before the upgrade).
Opening streams is rate-limited per address (CHAT_RATE_STREAMS: 429 before the upgrade).
Close codes: 4400 invalid frame, 4401 unauthorized (also after device.revoked), 4408 too slow (the send buffer overflowed; reconnect with since),
4429 too many streams (256 per account), 1001 server going away.`;

export function registerStreamRoute(app: FastifyInstance): void {
  app.get(STREAM_PATH, {
    schema: {
      tags: ['stream'],
      summary: 'The live event stream (WebSocket upgrade)',
      description: STREAM_DESCRIPTION,
      querystring: Type.Object({ since: Type.Optional(Type.String({ description: 'A cursor: resume after it' })) }),
      response: { 400: ErrorBody },
    },
  }, async () => {
    throw new AppError('invalid_request', 'Open /v1/stream with a WebSocket upgrade (see /docs)');
  });
}
