// The feed event codec: every stored event type is declared once here, with
// its payload schema from the contract. A write encodes an event (type + JSON
// payload) in its transaction; a read decodes the row with the same table, and
// a type it does not know is an error, never some other event.
import {
  ConversationRemovedPayload, ConversationUpdatedPayload, MessageDeletedPayload, MessagePayload, ReceiptPayload, type FeedEvent,
} from '../contract/index.js';
import { encodeCursor } from './cursor.js';

export type FeedEventType = FeedEvent['type'];

/** An event before it has a position in an account's feed: what a write records. */
export type FeedEventData = FeedEvent extends infer E ? (E extends FeedEvent ? Omit<E, 'cursor'> : never) : never;

/** The declaration: one payload schema per type. Adding a type here (and its schema in the contract) is all the codec needs. */
const payloadSchemas = {
  message: MessagePayload,
  'message.deleted': MessageDeletedPayload,
  receipt: ReceiptPayload,
  'conversation.updated': ConversationUpdatedPayload,
  'conversation.removed': ConversationRemovedPayload,
} as const satisfies Record<FeedEventType, { properties: object }>;

/** The fields each payload must carry, taken from its schema. */
const requiredFields = Object.fromEntries(
  Object.entries(payloadSchemas).map(([type, schema]) => [type, Object.keys(schema.properties)]),
) as Record<FeedEventType, string[]>;

export interface EncodedEvent {
  type: FeedEventType;
  /** JSON of the event's fields other than type and cursor. */
  payload: string;
}

export function encodeEvent(data: FeedEventData): EncodedEvent {
  const { type, ...payload } = data;
  return { type, payload: JSON.stringify(payload) };
}

/** The event at `position` of an account's feed, as the stream and sync send it. */
export function atPosition(data: FeedEventData, position: number): FeedEvent {
  const { type, ...payload } = data;
  return { type, cursor: encodeCursor(position), ...payload } as FeedEvent;
}

export class UnknownEventError extends Error {
  constructor(type: string) {
    super(`The feed holds an event of unknown type ${JSON.stringify(type)}`);
    this.name = 'UnknownEventError';
  }
}

const isType = (type: string): type is FeedEventType => Object.hasOwn(payloadSchemas, type);

/** A stored row back to its event; throws on an unknown type or a payload that lacks its schema's fields. */
export function decodeEvent(type: string, payload: string, position: number): FeedEvent {
  if (!isType(type)) throw new UnknownEventError(type);
  const fields = JSON.parse(payload) as Record<string, unknown>;
  for (const field of requiredFields[type]) {
    if (!(field in fields)) throw new Error(`A stored ${type} event lacks its ${field}`);
  }
  return atPosition({ type, ...fields } as FeedEventData, position);
}
