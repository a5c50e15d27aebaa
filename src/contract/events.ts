// Events of the sync feed and the stream.
import { Type, type Static, type TObject, type TProperties } from '@sinclair/typebox';
import { Conversation, Id, Message } from './objects.js';

export const Cursor = Type.String({ description: 'Opaque position in the account\'s event feed' });

// Each stored event's payload: what the feed keeps beside its type and position.
export const MessagePayload = Type.Object({ message: Message });
export const MessageDeletedPayload = Type.Object({ conversationId: Id, messageId: Id });
export const ReceiptPayload = Type.Object({ conversationId: Id, userId: Id, messageId: Id });
/**
 * A group as its member sees it after a change: created, renamed, a member added or gone.
 * `lastMessage` is always null here (a message body never outlives its message in the feed)
 * and `unread` is the member's count when the change committed: clients keep what they know of both.
 */
export const ConversationUpdatedPayload = Type.Object({ conversation: Conversation });
export const ConversationRemovedPayload = Type.Object({ conversationId: Id });

/** A feed event on the wire: its type, its cursor, then its payload's fields. */
const feedEvent = <T extends string, P extends TProperties>(type: T, payload: TObject<P>) =>
  Type.Object({ type: Type.Literal(type), cursor: Cursor, ...payload.properties });

export const MessageEvent = feedEvent('message', MessagePayload);
export const MessageDeletedEvent = feedEvent('message.deleted', MessageDeletedPayload);
export const ReceiptEvent = feedEvent('receipt', ReceiptPayload);
export const ConversationUpdatedEvent = feedEvent('conversation.updated', ConversationUpdatedPayload);
export const ConversationRemovedEvent = feedEvent('conversation.removed', ConversationRemovedPayload);

/** Events that are stored and carry a cursor: the sync feed is made of these. */
export const FeedEvent = Type.Union([MessageEvent, MessageDeletedEvent, ReceiptEvent, ConversationUpdatedEvent, ConversationRemovedEvent]);
export type FeedEvent = Static<typeof FeedEvent>;
export type MessageEvent = Static<typeof MessageEvent>;
export type MessageDeletedEvent = Static<typeof MessageDeletedEvent>;
export type ReceiptEvent = Static<typeof ReceiptEvent>;
export type ConversationUpdatedEvent = Static<typeof ConversationUpdatedEvent>;
export type ConversationRemovedEvent = Static<typeof ConversationRemovedEvent>;

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
  ConversationUpdatedEvent,
  ConversationRemovedEvent,
  TypingEvent,
  PresenceEvent,
  DeviceRevokedEvent,
  ReadyEvent,
  PongEvent,
]);
export type StreamEvent = Static<typeof StreamEvent>;
