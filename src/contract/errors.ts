// The one error shape of every answer, and the codes in use.
import { Type, type Static } from '@sinclair/typebox';
import { ErrorCodes } from './values.js';

export { ErrorCodes, type ErrorCode } from './values.js';

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
