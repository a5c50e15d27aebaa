// Row shapes shared by the messaging queries, and their mapping to API objects.
import type { Message } from '../../contract/index.js';
import { iso } from '../../domain/presenters.js';

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

/** A message is visible while it has not expired; `?` is now. */
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
