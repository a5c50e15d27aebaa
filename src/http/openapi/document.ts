// The OpenAPI document's frame: its tags, and the finishing every operation
// gets when the document is built: each answer described (never "Default
// Response"), and only the error answers an operation can give.
import type { FastifyDynamicSwaggerOptions, SwaggerTransform } from '@fastify/swagger';

export const TAGS = [
  { name: 'accounts', description: 'Register, sign in (each sign-in is a new device with its own token), profile, delete the account' },
  { name: 'devices', description: 'The devices signed in to your account: list, rename, revoke' },
  { name: 'users', description: 'Find people by name' },
  { name: 'messages', description: 'Send (idempotent by clientId) and delete for everyone' },
  { name: 'conversations', description: 'Direct conversations and groups, their members, history and read receipts' },
  { name: 'sync', description: 'Every event of your account after a cursor: the same events the stream delivers live' },
  { name: 'stream', description: 'The WebSocket stream of live events' },
  { name: 'operations', description: 'Health, readiness, metrics and this document' },
  { name: 'original API', description: 'The endpoints of the original Flask "Chat API", kept working on the same store. Answers are {"message"} or plain lists, not the v1 error shape. A device name is a bearer secret here: prefer v1.' },
];

const SUCCESS: Record<string, string> = {
  200: 'Success',
  201: 'Created',
  204: 'Done; the answer has no body',
};

/** What each error status means in this API, in the one error shape. */
export const ERROR_ANSWERS: Record<string, string> = {
  400: 'invalid_request: a field is missing or breaks its rule (details name each field and what it expects), the JSON is malformed, or a cursor is not one this server gave out',
  401: 'unauthorized: no token, or one that was signed out or revoked; invalid_credentials: a wrong login or password',
  403: 'forbidden: not yours to change (a message of someone else, a member only the creator may remove, a direct conversation, a group at its size limit); not_a_member: a conversation you are not in',
  404: 'not_found, user_not_found, conversation_not_found or message_not_found: no such object (or route)',
  409: 'name_taken or email_taken: another account has it (ignoring case)',
  413: 'payload_too_large: a message body over 4096 characters, or a request body over CHAT_BODY_LIMIT',
  415: 'unsupported_media_type: the body is not application/json',
  429: 'rate_limited: too many attempts; retry after the Retry-After header\'s seconds',
  500: 'internal: a bug on the server, never with a stack trace',
  503: 'unavailable: the database does not answer, or the server is shutting down',
};

/** Routes without a bearer token that still answer 401 (a wrong password). */
const PUBLIC_401 = new Set(['POST /v1/sessions']);

type Schema = Record<string, unknown> & { response?: Record<string, Record<string, unknown>>; security?: unknown; body?: unknown };

/** @fastify/swagger's transform: the route's schema as the document shows it (validation is untouched). */
export function finishOperation({ schema, url, route }: { schema: Schema | undefined; url: string; route: { method: string | string[] } }): { schema: Schema | undefined; url: string } {
  if (!schema?.response) return { schema, url };
  const method = Array.isArray(route.method) ? route.method[0] : route.method;
  const response: Record<string, Record<string, unknown>> = {};
  for (const [status, answer] of Object.entries(schema.response)) {
    if (status === '401' && !schema.security && !PUBLIC_401.has(`${method} ${url}`)) continue;
    if (status === '415' && !schema.body) continue;
    const description = (answer.description as string | undefined) ?? ERROR_ANSWERS[status] ?? SUCCESS[status] ?? 'An answer';
    response[status] = { ...answer, description };
  }
  return { schema: { ...schema, response }, url };
}

export function swaggerOptions(description: string): FastifyDynamicSwaggerOptions {
  return {
    openapi: {
      info: { title: 'chat-api', version: '1', description },
      tags: TAGS,
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer', description: 'A token from POST /v1/sessions' } } },
    },
    transform: finishOperation as unknown as SwaggerTransform,
  };
}
