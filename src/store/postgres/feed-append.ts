// Records feed events inside the caller's write transaction: one row per
// receiving account, numbered in that account's own feed, its payload as the
// domain's codec encodes it. The position comes from the account's row
// (feed_head), which stays locked until the transaction ends: a second writer
// to the same account waits, then numbers after it, so each account's
// positions are its commit order, across connections and instances.
import { atPosition, encodeEvent, type FeedEventData } from '../../domain/events.js';
import type { Delivery } from '../../domain/ports/index.js';
import { sql, type Sql } from './db.js';
import { feedRowKeys } from '../feed-row.js';

const q = {
  // One fixed order (by id, bytewise) for every write that locks accounts, so two writes
  // that reach the same accounts cannot each hold one the other waits for. NO KEY UPDATE, the
  // lock an UPDATE of feed_head takes: it lets the foreign-key checks of other writes' inserts
  // (a message by one of these accounts) pass, which FOR UPDATE would make wait, and deadlock.
  lock: sql('SELECT id FROM users WHERE id = ANY($1) ORDER BY id COLLATE "C" FOR NO KEY UPDATE'),
  // Every row in one statement, each account's head moved once. Accounts deleted while this
  // write waited for them have no row left: they get nothing.
  append: sql(`WITH input AS (
      SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::bigint[]) AS t(user_id, type, payload, message_id, expires_at)
    ), heads AS (
      UPDATE users u SET feed_head = u.feed_head + 1 FROM input WHERE u.id = input.user_id
      RETURNING u.id, u.feed_head, input.type, input.payload, input.message_id, input.expires_at
    )
    INSERT INTO feed (user_id, position, type, payload, message_id, expires_at, created_at)
    SELECT id, feed_head, type, payload, message_id, expires_at, $6 FROM heads
    RETURNING user_id, position`),
};

/** Locks the accounts' rows in the one order; a write that numbers several accounts' feeds locks them all first. */
export async function lockAccounts(tx: Sql, userIds: readonly string[]): Promise<void> {
  if (userIds.length) await tx.rows(q.lock, [...new Set(userIds)]);
}

export interface Addressed {
  userId: string;
  event: FeedEventData;
}

/** Writes each account its event (one account once), and returns what to publish after commit, by account id. */
export async function appendEvents(tx: Sql, addressed: readonly Addressed[], now: number, expiresAt: number | null = null): Promise<Delivery[]> {
  const byUser = new Map(addressed.map((a) => [a.userId, a.event]));
  if (byUser.size === 0) return [];
  await lockAccounts(tx, [...byUser.keys()]);
  const encoded = new Map<FeedEventData, { type: string; payload: string; messageId: string | null; expiresAt: number | null }>();
  const rows = [...byUser].map(([userId, event]) => {
    let e = encoded.get(event);
    if (!e) encoded.set(event, (e = { ...encodeEvent(event), ...feedRowKeys(event, expiresAt) })); // once per event, whatever the number of recipients
    return { userId, ...e };
  });
  const column = <K extends keyof (typeof rows)[number]>(k: K) => rows.map((r) => r[k]);
  const written = await tx.rows<{ user_id: string; position: number }>(
    q.append, column('userId'), column('type'), column('payload'), column('messageId'), column('expiresAt'), now,
  );
  return written
    .sort((a, b) => (a.user_id < b.user_id ? -1 : a.user_id > b.user_id ? 1 : 0))
    .map((r) => ({ userId: r.user_id, event: atPosition(byUser.get(r.user_id)!, r.position) }));
}

/** The same event for every recipient. */
export function appendEvent(tx: Sql, recipientIds: readonly string[], event: FeedEventData, now: number, expiresAt: number | null = null): Promise<Delivery[]> {
  return appendEvents(tx, recipientIds.map((userId) => ({ userId, event })), now, expiresAt);
}
