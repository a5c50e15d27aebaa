// Events of the sync feed and the stream.
import { Type, type Static } from '@sinclair/typebox';
import { Id, Message } from './objects.js';

export const Cursor = Type.String({ description: 'Opaque position in the account\'s event feed' });

export const MessageEvent = Type.Object({ type: Type.Literal('message'), cursor: Cursor, message: Message });
export const MessageDeletedEvent = Type.Object({
  type: Type.Literal('message.deleted'),
  cursor: Cursor,
  conversationId: Id,
  messageId: Id,
});
export const ReceiptEvent = Type.Object({
  type: Type.Literal('receipt'),
  cursor: Cursor,
  conversationId: Id,
  userId: Id,
  messageId: Id,
});

/** Events that are stored and carry a cursor: the sync feed is made of these. */
export const FeedEvent = Type.Union([MessageEvent, MessageDeletedEvent, ReceiptEvent]);
export type FeedEvent = Static<typeof FeedEvent>;
export type MessageEvent = Static<typeof MessageEvent>;
export type MessageDeletedEvent = Static<typeof MessageDeletedEvent>;
export type ReceiptEvent = Static<typeof ReceiptEvent>;

export const TypingEvent = Type.Object({ type: Type.Literal('typing'), conversationId: Id, userId: Id });
export const PresenceEvent = Type.Object({ type: Type.Literal('presence'), userId: Id, online: Type.Boolean() });
export const DeviceRevokedEvent = Type.Object({ type: Type.Literal('device.revoked') });
export const ReadyEvent = Type.Object({ type: Type.Literal('ready'), cursor: Cursor });
export const PongEvent = Type.Object({ type: Type.Literal('pong') });

/** Everything the stream may send. */
export const StreamEvent = Type.Union([
  MessageEvent,
  MessageDeletedEvent,
  ReceiptEvent,
  TypingEvent,
  PresenceEvent,
  DeviceRevokedEvent,
  ReadyEvent,
  PongEvent,
]);
export type StreamEvent = Static<typeof StreamEvent>;
