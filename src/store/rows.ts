// Row shapes shared by both stores' reads and writes, and their mapping to records and API objects.
import type { Message } from '../contract/index.js';
import type { DeviceRecord, UserRecord } from '../domain/ports/index.js';
import { iso } from '../domain/presenters.js';

export interface MessageRow {
  seq: number;
  id: string;
  conversation_id: string;
  sender_id: string;
  sender_name: string;
  client_id: string | null;
  body: string;
  created_at: number;
  expires_at: number | null;
}

/** Columns of a message joined with its sender's name (alias `m` for messages, `s` for users). */
export const MESSAGE_COLUMNS =
  'm.seq, m.id, m.conversation_id, m.sender_id, s.name AS sender_name, m.client_id, m.body, m.created_at, m.expires_at';

/** A message is visible while it has not expired; `?` is now (SQLite's placeholder). */
export const NOT_EXPIRED = '(m.expires_at IS NULL OR m.expires_at > ?)';

export const toMessage = (r: MessageRow): Message => ({
  id: r.id,
  conversationId: r.conversation_id,
  sender: { id: r.sender_id, name: r.sender_name },
  body: r.body,
  createdAt: iso(r.created_at),
  expiresAt: r.expires_at === null ? null : iso(r.expires_at),
  clientId: r.client_id,
});

export interface UserRow {
  id: string;
  name: string;
  email: string;
  password_hash: string;
  created_at: number;
}

export interface DeviceRow {
  id: string;
  user_id: string;
  name: string;
  created_at: number;
  last_seen_at: number;
}

export const toUser = (r: UserRow): UserRecord => ({ id: r.id, name: r.name, email: r.email, passwordHash: r.password_hash, createdAt: r.created_at });
export const toDevice = (r: DeviceRow): DeviceRecord => ({ id: r.id, userId: r.user_id, name: r.name, createdAt: r.created_at, lastSeenAt: r.last_seen_at });

/** A direct conversation's key: the same for both members, whoever wrote first. */
export const directKey = (a: string, b: string): string => (a < b ? `${a}:${b}` : `${b}:${a}`);
