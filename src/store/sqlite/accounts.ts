// Accounts on SQLite: reads on this connection, writes through the writer.
import type { User } from '../../contract/index.js';
import type { AccountStore } from '../../domain/ports/index.js';
import { iso } from '../../domain/presenters.js';
import { translated } from '../errors.js';
import type { Db } from './database.js';
import { toUser, type UserRow } from '../rows.js';
import type { Writer } from './writer.js';

/** `LIKE` pattern matching `text` anywhere, with its wildcards taken literally. */
const containsPattern = (text: string): string => '%' + text.replace(/[\\%_]/g, (c) => '\\' + c) + '%';

export function sqliteAccounts(db: Db, writer: Writer): AccountStore {
  const q = {
    userById: db.prepare('SELECT * FROM users WHERE id = ?'),
    userByName: db.prepare('SELECT * FROM users WHERE name_key = ?'),
    userByLogin: db.prepare('SELECT * FROM users WHERE name_key = ? OR email_key = ?'),
    search: db.prepare(`SELECT id, name, created_at FROM users WHERE name_key LIKE ? ESCAPE '\\' ORDER BY name_key <> ?, length(name_key), name_key LIMIT ?`),
  };
  const user = (r: unknown) => (r ? toUser(r as UserRow) : null);

  return {
    create: (u) => writer.run('createUser', u),
    get: translated((id: string) => user(q.userById.get(id))),
    findByName: translated((name: string) => user(q.userByName.get(name.toLowerCase()))),
    findByLogin: translated((login: string) => user(q.userByLogin.get(login.toLowerCase(), login.toLowerCase()))),
    search: translated((query: string, limit: number) => {
      const key = query.toLowerCase();
      const rows = q.search.all(containsPattern(key), key, limit) as { id: string; name: string; created_at: number }[];
      return rows.map((r): User => ({ id: r.id, name: r.name, createdAt: iso(r.created_at) }));
    }),
    update: (id, change) => writer.run('updateUser', id, change),
    delete: (id, now, eventsExpireAt = null) => writer.run('deleteUser', id, now, eventsExpireAt),
  };
}
