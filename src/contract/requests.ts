// Request and answer bodies of /v1, by resource.
import { Type, type Static } from '@sinclair/typebox';
import { Conversation, Device, Id, Message, User } from './objects.js';
import { Cursor, FeedEvent } from './events.js';
import { Limits } from './values.js';

export { Limits };


export const UserName = Type.String({
  minLength: Limits.nameMin,
  maxLength: Limits.nameMax,
  pattern: '^[A-Za-z0-9_.-]+$',
  description: '3-32 characters of A-Z a-z 0-9 _ . -, unique ignoring case',
  'x-expects': `${Limits.nameMin} to ${Limits.nameMax} characters: letters, digits, _ . -`,
});
export const Email = Type.String({ format: 'email', maxLength: 254 });
export const Password = Type.String({ minLength: Limits.passwordMin, maxLength: Limits.passwordMax });
export const DeviceName = Type.String({ minLength: 1, maxLength: Limits.deviceNameMax });
export const MessageBody = Type.String({
  minLength: 1,
  maxLength: Limits.bodyMax,
  description: '1-4096 characters; longer is 413 payload_too_large',
});
export const ClientId = Type.String({ minLength: 1, maxLength: Limits.clientIdMax });

// Accounts and sessions
export const RegisterRequest = Type.Object({ name: UserName, email: Email, password: Password }, {
  examples: [{ name: 'alice', email: 'alice@example.com', password: 'correct horse battery' }],
});
export type RegisterRequest = Static<typeof RegisterRequest>;
export const UserAnswer = Type.Object({ user: User });
export type UserAnswer = Static<typeof UserAnswer>;

export const LoginRequest = Type.Object(
  {
    login: Type.String({ minLength: 1, maxLength: 254, description: 'User name or email' }),
    password: Type.String({ minLength: 1, maxLength: Limits.passwordMax }),
    deviceName: DeviceName,
  },
  { examples: [{ login: 'alice', password: 'correct horse battery', deviceName: 'laptop' }] },
);
export type LoginRequest = Static<typeof LoginRequest>;
export const LoginAnswer = Type.Object({
  token: Type.String({ description: 'Bearer token of the new device; shown once' }),
  device: Device,
  user: User,
});
export type LoginAnswer = Static<typeof LoginAnswer>;

export const MeAnswer = Type.Object({ user: User, device: Device });
export type MeAnswer = Static<typeof MeAnswer>;
export const UpdateMeRequest = Type.Object(
  { email: Type.Optional(Email), password: Type.Optional(Password), currentPassword: Type.String({ minLength: 1, maxLength: Limits.passwordMax }) },
  { examples: [{ password: 'a new long passphrase', currentPassword: 'correct horse battery' }] },
);
export type UpdateMeRequest = Static<typeof UpdateMeRequest>;
export const DeleteMeRequest = Type.Object({ password: Type.String({ minLength: 1, maxLength: Limits.passwordMax }) }, { examples: [{ password: 'correct horse battery' }] });
export type DeleteMeRequest = Static<typeof DeleteMeRequest>;

// Devices
export const DevicesAnswer = Type.Object({ devices: Type.Array(Device) });
export type DevicesAnswer = Static<typeof DevicesAnswer>;
export const DeviceAnswer = Type.Object({ device: Device });
export type DeviceAnswer = Static<typeof DeviceAnswer>;
export const RenameDeviceRequest = Type.Object({ name: DeviceName }, { examples: [{ name: 'work laptop' }] });
export type RenameDeviceRequest = Static<typeof RenameDeviceRequest>;
export const IdParams = Type.Object({ id: Id });

// Users
export const UserSearchQuery = Type.Object({
  q: Type.Optional(Type.String({ maxLength: Limits.nameMax, description: 'Part of a user name, any case; empty or missing lists users by name' })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: Limits.userSearchMax, default: Limits.userSearchDefault, description: `How many users, 1-${Limits.userSearchMax}` })),
});
export type UserSearchQuery = Static<typeof UserSearchQuery>;
export const UsersAnswer = Type.Object({ users: Type.Array(User) });
export type UsersAnswer = Static<typeof UsersAnswer>;

// Messages and conversations
export const SendRequest = Type.Object({
  to: Type.Optional(Type.String({ minLength: 1, maxLength: Limits.nameMax, description: 'Recipient user name (a direct message); or give conversationId' })),
  conversationId: Type.Optional(Id),
  body: MessageBody,
  clientId: Type.Optional(ClientId),
}, {
  description: 'Exactly one of `to` and `conversationId`',
  examples: [{ to: 'bob', body: 'Hi Bob!', clientId: 'c-1' }, { conversationId: 'CONVERSATION_ID', body: 'Hello, team', clientId: 'c-2' }],
});
export type SendRequest = Static<typeof SendRequest>;
export const MessageAnswer = Type.Object({ message: Message });
export type MessageAnswer = Static<typeof MessageAnswer>;

export const ConversationsAnswer = Type.Object({ conversations: Type.Array(Conversation) });
export type ConversationsAnswer = Static<typeof ConversationsAnswer>;
export const ConversationAnswer = Type.Object({ conversation: Conversation });
export type ConversationAnswer = Static<typeof ConversationAnswer>;
export const CreateGroupRequest = Type.Object(
  {
    title: Type.String({ minLength: 1, maxLength: Limits.titleMax }),
    members: Type.Array(Type.String({ minLength: 1, maxLength: Limits.nameMax }), { maxItems: Limits.groupMembersMax, description: 'User names; the caller is always a member' }),
  },
  { examples: [{ title: 'Weekend', members: ['bob', 'carol'] }] },
);
export type CreateGroupRequest = Static<typeof CreateGroupRequest>;
export const RenameGroupRequest = Type.Object({ title: Type.String({ minLength: 1, maxLength: Limits.titleMax, description: 'The new title' }) }, { examples: [{ title: 'Long weekend' }] });
export type RenameGroupRequest = Static<typeof RenameGroupRequest>;
export const AddMemberRequest = Type.Object({ name: Type.String({ minLength: 1, maxLength: Limits.nameMax, description: 'The user name to add' }) }, { examples: [{ name: 'dave' }] });
export type AddMemberRequest = Static<typeof AddMemberRequest>;
export const MemberParams = Type.Object({ id: Id, userId: Type.String({ description: 'The member: your own id to leave' }) });

export const HistoryQuery = Type.Object({
  before: Type.Optional(Type.String({ minLength: 1, description: 'A message id: the page ends just before it' })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: Limits.historyPageMax, default: Limits.historyPageDefault, description: `Messages per page, 1-${Limits.historyPageMax}` })),
});
export type HistoryQuery = Static<typeof HistoryQuery>;
export const HistoryAnswer = Type.Object({ messages: Type.Array(Message), hasMore: Type.Boolean() });
export type HistoryAnswer = Static<typeof HistoryAnswer>;

export const ReadRequest = Type.Object({ messageId: Type.String({ description: 'The newest message you have read' }) }, { examples: [{ messageId: 'MESSAGE_ID' }] });
export type ReadRequest = Static<typeof ReadRequest>;

export const SyncQuery = Type.Object({
  since: Type.Optional(Type.String({ description: 'A cursor from a previous answer or event: events after it. Missing: from the start of retained history' })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: Limits.syncPageMax, default: Limits.syncPageDefault, description: `Events per page, 1-${Limits.syncPageMax}` })),
});
export type SyncQuery = Static<typeof SyncQuery>;
export const SyncAnswer = Type.Object({
  events: Type.Array(FeedEvent),
  cursor: Cursor,
  hasMore: Type.Boolean(),
});
export type SyncAnswer = Static<typeof SyncAnswer>;
