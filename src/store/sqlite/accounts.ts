// Accounts and devices on SQLite.
import type { User } from '../../contract/index.js';
import type { DeviceRecord, Session, Store, UserRecord } from '../../domain/ports.js';
import { iso } from '../../domain/presenters.js';
import type { ConversationQueries } from './conversations.js';
import type { Db } from './database.js';
import { fanOutOn } from './fan-out.js';
import { NOT_EXPIRED } from './rows.js';
import type { WriteQueue } from './write-queue.js';

interface UserRow {
  id: string;
  name: string;
  email: string;
  password_hash: string;
  created_at: number;
}
interface DeviceRow {
  id: string;
  user_id: string;
  name: string;
  created_at: number;
  last_seen_at: number;
}

const toUser = (r: UserRow): UserRecord => ({ id: r.id, name: r.name, email: r.email, passwordHash: r.password_hash, createdAt: r.created_at });
const toDevice = (r: DeviceRow): DeviceRecord => ({ id: r.id, userId: r.user_id, name: r.name, createdAt: r.created_at, lastSeenAt: r.last_seen_at });

/** `LIKE` pattern matching `text` anywhere, with its wildcards taken literally. */
const containsPattern = (text: string): string => '%' + text.replace(/[\\%_]/g, (c) => '\\' + c) + '%';

type AccountStore = Pick<
  Store,
  | 'createUser'
  | 'getUser'
  | 'findUserByName'
  | 'findUserByLogin'
  | 'searchUsers'
  | 'updateUser'
  | 'deleteUser'
  | 'createDevice'
  | 'findSession'
  | 'findLegacyDevice'
  | 'touchDevice'
  | 'listDevices'
  | 'renameDevice'
  | 'deleteDevice'
  | 'deleteOtherDevices'
>;

export function sqliteAccounts(db: Db, writes: WriteQueue, conversations: ConversationQueries): AccountStore {
  const q = {
    insertUser: db.prepare('INSERT INTO users (id, name, name_key, email, email_key, password_hash, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)'),
    userById: db.prepare('SELECT * FROM users WHERE id = ?'),
    userByName: db.prepare('SELECT * FROM users WHERE name_key = ?'),
    userByLogin: db.prepare('SELECT * FROM users WHERE name_key = ? OR email_key = ?'),
    search: db.prepare(`SELECT id, name, created_at FROM users WHERE name_key LIKE ? ESCAPE '\\' ORDER BY name_key <> ?, length(name_key), name_key LIMIT ?`),
    setEmail: db.prepare('UPDATE users SET email = ?, email_key = ? WHERE id = ?'),
    setPassword: db.prepare('UPDATE users SET password_hash = ? WHERE id = ?'),
    deviceIdsOfUser: db.prepare('SELECT id FROM devices WHERE user_id = ?').pluck(),
    liveMessagesOfUser: db.prepare(`SELECT m.id, m.conversation_id FROM messages m WHERE m.sender_id = ? AND ${NOT_EXPIRED} ORDER BY m.seq`),
    // An expired message's events would have gone with it at the next purge, which can no longer find it.
    deleteExpiredMessageEvents: db.prepare(
      'DELETE FROM events WHERE message_id IN (SELECT id FROM messages WHERE sender_id = ? AND expires_at IS NOT NULL AND expires_at <= ?)',
    ),
    deleteMessageEventsOfUser: db.prepare("DELETE FROM events WHERE type = 'message' AND message_id IN (SELECT id FROM messages WHERE sender_id = ?)"),
    deleteUserMessages: db.prepare('DELETE FROM messages WHERE sender_id = ?'),
    deleteUser: db.prepare('DELETE FROM users WHERE id = ?'),
    insertDevice: db.prepare('INSERT INTO devices (id, user_id, name, token_hash, legacy_name, created_at, last_seen_at) VALUES (?, ?, ?, ?, ?, ?, ?)'),
    sessionByToken: db.prepare(
      `SELECT d.id AS d_id, d.user_id, d.name AS d_name, d.created_at AS d_created_at, d.last_seen_at, u.*
       FROM devices d JOIN users u ON u.id = d.user_id WHERE d.token_hash = ?`,
    ),
    sessionByLegacyName: db.prepare(
      `SELECT d.id AS d_id, d.user_id, d.name AS d_name, d.created_at AS d_created_at, d.last_seen_at, u.*
       FROM devices d JOIN users u ON u.id = d.user_id WHERE d.legacy_name = ?`,
    ),
    touch: db.prepare('UPDATE devices SET last_seen_at = ? WHERE id = ?'),
    devices: db.prepare('SELECT * FROM devices WHERE user_id = ? ORDER BY created_at, id'),
    renameDevice: db.prepare('UPDATE devices SET name = ? WHERE id = ? AND user_id = ? RETURNING *'),
    deleteDevice: db.prepare('DELETE FROM devices WHERE id = ? AND user_id = ?'),
    otherDevices: db.prepare('SELECT id FROM devices WHERE user_id = ? AND id <> ?').pluck(),
    deleteOtherDevices: db.prepare('DELETE FROM devices WHERE user_id = ? AND id <> ?'),
  };

  const fanOut = fanOutOn(db);

  type SessionRow = UserRow & { d_id: string; user_id: string; d_name: string; d_created_at: number; last_seen_at: number };
  const toSession = (r: SessionRow | undefined): Session | null =>
    r
      ? {
          user: toUser(r),
          device: { id: r.d_id, userId: r.user_id, name: r.d_name, createdAt: r.d_created_at, lastSeenAt: r.last_seen_at },
        }
      : null;

  return {
    createUser: (u) =>
      writes.run(() => {
        q.insertUser.run(u.id, u.name, u.name.toLowerCase(), u.email, u.email.toLowerCase(), u.passwordHash, u.createdAt);
      }),
    getUser: async (id) => {
      const r = q.userById.get(id) as UserRow | undefined;
      return r ? toUser(r) : null;
    },
    findUserByName: async (name) => {
      const r = q.userByName.get(name.toLowerCase()) as UserRow | undefined;
      return r ? toUser(r) : null;
    },
    findUserByLogin: async (login) => {
      const key = login.toLowerCase();
      const r = q.userByLogin.get(key, key) as UserRow | undefined;
      return r ? toUser(r) : null;
    },
    searchUsers: async (query, limit) => {
      const key = query.toLowerCase();
      const rows = q.search.all(containsPattern(key), key, limit) as { id: string; name: string; created_at: number }[];
      return rows.map((r): User => ({ id: r.id, name: r.name, createdAt: iso(r.created_at) }));
    },
    updateUser: (id, change) =>
      writes.run(() => {
        if (change.email !== undefined) q.setEmail.run(change.email, change.email.toLowerCase(), id);
        if (change.passwordHash !== undefined) q.setPassword.run(change.passwordHash, id);
      }),
    deleteUser: (id, now) =>
      writes.run(() => {
        const deviceIds = q.deviceIdsOfUser.all(id) as string[];
        const live = q.liveMessagesOfUser.all(id, now) as { id: string; conversation_id: string }[];
        // Each message goes as deleteMessage takes it: its `message` events go, the other members get `message.deleted`.
        q.deleteExpiredMessageEvents.run(id, now);
        q.deleteMessageEventsOfUser.run(id);
        q.deleteUserMessages.run(id);
        const othersOf = new Map<string, string[]>();
        const deliveries = live.flatMap((m) => {
          const conversationId = m.conversation_id;
          let others = othersOf.get(conversationId);
          if (!others) othersOf.set(conversationId, (others = conversations.memberIds(conversationId).filter((u) => u !== id)));
          return fanOut(others, 'message.deleted', conversationId, m.id, id, now, (cursor) => ({ type: 'message.deleted', cursor, conversationId, messageId: m.id }));
        });
        q.deleteUser.run(id); // devices, memberships and own events go by ON DELETE CASCADE
        return { deviceIds, deliveries };
      }),
    createDevice: (d) =>
      writes.run(() => {
        q.insertDevice.run(d.id, d.userId, d.name, d.tokenHash, d.legacyName ?? null, d.createdAt, d.lastSeenAt);
      }),
    findSession: async (tokenHash) => toSession(q.sessionByToken.get(tokenHash) as SessionRow | undefined),
    findLegacyDevice: async (legacyName) => toSession(q.sessionByLegacyName.get(legacyName) as SessionRow | undefined),
    touchDevice: (id, now) =>
      writes.run(() => {
        q.touch.run(now, id);
      }),
    listDevices: async (userId) => (q.devices.all(userId) as DeviceRow[]).map(toDevice),
    renameDevice: (userId, deviceId, name) =>
      writes.run(() => {
        const r = q.renameDevice.get(name, deviceId, userId) as DeviceRow | undefined;
        return r ? toDevice(r) : null;
      }),
    deleteDevice: (userId, deviceId) => writes.run(() => q.deleteDevice.run(deviceId, userId).changes > 0),
    deleteOtherDevices: (userId, keepDeviceId) =>
      writes.run(() => {
        const ids = q.otherDevices.all(userId, keepDeviceId) as string[];
        q.deleteOtherDevices.run(userId, keepDeviceId);
        return ids;
      }),
  };
}
