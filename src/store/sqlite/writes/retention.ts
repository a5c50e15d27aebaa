// The purge: expired messages go with every event that pointed at them;
// events about no message (group changes) go when their own time runs out.
import type { Db } from '../database.js';

export function retentionWrites(db: Db) {
  const q = {
    expired: db.prepare('SELECT seq, id FROM messages WHERE expires_at IS NOT NULL AND expires_at <= ? ORDER BY expires_at LIMIT ?'),
    deleteEventsOf: db.prepare('DELETE FROM feed WHERE message_id = ?'),
    deleteMessage: db.prepare('DELETE FROM messages WHERE seq = ?'),
    deleteUnattached: db.prepare(
      'DELETE FROM feed WHERE rowid IN (SELECT rowid FROM feed WHERE message_id IS NULL AND expires_at IS NOT NULL AND expires_at <= ? LIMIT ?)',
    ),
  };

  return {
    purgeExpired(now: number, limit: number): number {
      const rows = q.expired.all(now, limit) as { seq: number; id: string }[];
      for (const r of rows) {
        q.deleteEventsOf.run(r.id);
        q.deleteMessage.run(r.seq);
      }
      return rows.length;
    },
    purgeExpiredEvents(now: number, limit: number): number {
      return q.deleteUnattached.run(now, limit).changes;
    },
  };
}
