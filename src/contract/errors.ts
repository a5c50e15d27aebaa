// The one error shape of every answer, and the codes in use.
import { Type, type Static } from '@sinclair/typebox';

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
  'payload_too_large',
  'unsupported_media_type',
  'rate_limited',
  'unavailable',
  'internal',
] as const;
export type ErrorCode = (typeof ErrorCodes)[number];

export const ErrorDetail = Type.Object({ field: Type.String(), message: Type.String() });
export type ErrorDetail = Static<typeof ErrorDetail>;

export const ErrorBody = Type.Object(
  {
    error: Type.Object({
      code: Type.String({ description: 'Stable snake_case code: ' + ErrorCodes.join(', ') }),
      message: Type.String(),
      details: Type.Optional(Type.Array(ErrorDetail)),
    }),
  },
);
export type ErrorBody = Static<typeof ErrorBody>;
