// The API's objects as TypeBox schemas: one source for validation, serialization,
// OpenAPI and the SDK's types. This folder imports nothing of the server.
import { Type, type Static, type TSchema } from '@sinclair/typebox';

/**
 * A value or null, as OpenAPI 3.0's `nullable` rather than an anyOf: the answer
 * serializer then checks for null directly instead of validating each branch.
 */
export const Nullable = <T extends TSchema>(schema: T, options: { description?: string } = {}) =>
  Type.Unsafe<Static<T> | null>({ ...schema, ...options, nullable: true });

export const Id = Type.String({ description: 'Opaque identifier' });
export const Time = Type.String({ format: 'date-time', description: 'ISO-8601 UTC time' });

export const User = Type.Object(
  {
    id: Id,
    name: Type.String(),
    createdAt: Time,
    email: Type.Optional(Type.String({ description: 'Only present on your own user' })),
  },
);
export type User = Static<typeof User>;

export const UserRef = Type.Object({ id: Id, name: Type.String() });
export type UserRef = Static<typeof UserRef>;

export const Device = Type.Object(
  {
    id: Id,
    name: Type.String(),
    createdAt: Time,
    lastSeenAt: Time,
    current: Type.Boolean({ description: 'True for the device whose token made this request' }),
  },
);
export type Device = Static<typeof Device>;

export const Message = Type.Object(
  {
    id: Id,
    conversationId: Id,
    sender: UserRef,
    body: Type.String(),
    createdAt: Time,
    expiresAt: Nullable(Time, { description: 'When retention deletes it; null keeps it forever' }),
    clientId: Nullable(Type.String()),
  },
);
export type Message = Static<typeof Message>;

export const ConversationKind = Type.Union([Type.Literal('direct'), Type.Literal('group')]);

export const Conversation = Type.Object(
  {
    id: Id,
    kind: ConversationKind,
    title: Nullable(Type.String(), { description: 'The group title; null for a direct conversation' }),
    members: Type.Array(UserRef),
    lastMessage: Nullable(Message),
    unread: Type.Integer({ minimum: 0, description: "Messages from others after this user's last read receipt" }),
  },
);
export type Conversation = Static<typeof Conversation>;
