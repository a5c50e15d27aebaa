// The purge on PostgreSQL: expired messages go with every event that pointed at
// them; events about no message (group changes) go when their own time runs
// out. SKIP LOCKED: instances purging at the same time take different rows.
import type { RetentionStore } from '../../domain/ports/index.js';
import { sql, type Db } from './db.js';

const q = {
  expired: sql('SELECT seq, id FROM messages WHERE expires_at IS NOT NULL AND expires_at <= $1 ORDER BY expires_at LIMIT $2 FOR UPDATE SKIP LOCKED'),
  deleteEventsOf: sql('DELETE FROM feed WHERE message_id = ANY($1)'),
  deleteMessages: sql('DELETE FROM messages WHERE seq = ANY($1)'),
  deleteUnattached: sql(`DELETE FROM feed f USING (
      SELECT user_id, position FROM feed WHERE message_id IS NULL AND expires_at IS NOT NULL AND expires_at <= $1 LIMIT $2 FOR UPDATE SKIP LOCKED
    ) gone WHERE f.user_id = gone.user_id AND f.position = gone.position RETURNING f.position`),
};

export function postgresRetention(db: Db): RetentionStore {
  return {
    purgeExpired: (now, limit) =>
      db.transaction(async (tx) => {
        const rows = await tx.rows<{ seq: number; id: string }>(q.expired, now, limit);
        if (rows.length === 0) return 0;
        await tx.rows(q.deleteEventsOf, rows.map((r) => r.id));
        await tx.rows(q.deleteMessages, rows.map((r) => r.seq));
        return rows.length;
      }),
    purgeExpiredEvents: async (now, limit) => (await db.rows(q.deleteUnattached, now, limit)).length,
  };
}
