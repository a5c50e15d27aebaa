// The stream's side of the contract: what a client may send, the close codes
// and the limits. Client frames are validated against these schemas like every
// other input; the SDK sends them and reads the close codes from here.
import { Type, type Static } from '@sinclair/typebox';
import { Id } from './objects.js';

export const AuthFrame = Type.Object({ type: Type.Literal('auth'), token: Type.String({ minLength: 1, maxLength: 512 }) });
export const TypingFrame = Type.Object({ type: Type.Literal('typing'), conversationId: Id });
export const PingFrame = Type.Object({ type: Type.Literal('ping') });

/** Every frame a client may send (text frames of JSON; anything else closes the stream with 4400). */
export const ClientFrame = Type.Union([AuthFrame, TypingFrame, PingFrame]);
export type ClientFrame = Static<typeof ClientFrame>;
export type AuthFrame = Static<typeof AuthFrame>;
export type TypingFrame = Static<typeof TypingFrame>;

export { CloseCodes, StreamLimits, type CloseCode } from './values.js';
