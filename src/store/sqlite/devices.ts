// Devices and sessions on SQLite: reads on this connection, writes through the writer.
import type { DeviceStore, Session } from '../../domain/ports/index.js';
import { translated } from '../errors.js';
import type { Db } from './database.js';
import { toDevice, toUser, type DeviceRow, type UserRow } from '../rows.js';
import type { Writer } from './writer.js';

type SessionRow = UserRow & { d_id: string; user_id: string; d_name: string; d_created_at: number; last_seen_at: number };

const toSession = (r: unknown): Session | null => {
  if (!r) return null;
  const row = r as SessionRow;
  return {
    user: toUser(row),
    device: { id: row.d_id, userId: row.user_id, name: row.d_name, createdAt: row.d_created_at, lastSeenAt: row.last_seen_at },
  };
};

export function sqliteDevices(db: Db, writer: Writer): DeviceStore {
  const q = {
    sessionByToken: db.prepare(
      `SELECT d.id AS d_id, d.user_id, d.name AS d_name, d.created_at AS d_created_at, d.last_seen_at, u.*
       FROM devices d JOIN users u ON u.id = d.user_id WHERE d.token_hash = ?`,
    ),
    sessionByLegacyName: db.prepare(
      `SELECT d.id AS d_id, d.user_id, d.name AS d_name, d.created_at AS d_created_at, d.last_seen_at, u.*
       FROM devices d JOIN users u ON u.id = d.user_id WHERE d.legacy_name = ?`,
    ),
    devices: db.prepare('SELECT * FROM devices WHERE user_id = ? ORDER BY created_at, id'),
  };

  return {
    create: (d) => writer.run('createDevice', d),
    findSession: translated((tokenHash: string) => toSession(q.sessionByToken.get(tokenHash))),
    findLegacy: translated((legacyName: string) => toSession(q.sessionByLegacyName.get(legacyName))),
    touch: (id, now) => writer.run('touchDevice', id, now),
    list: translated((userId: string) => (q.devices.all(userId) as DeviceRow[]).map(toDevice)),
    rename: (userId, deviceId, name) => writer.run('renameDevice', userId, deviceId, name),
    delete: (userId, deviceId) => writer.run('deleteDevice', userId, deviceId),
    deleteOthers: (userId, keepDeviceId) => writer.run('deleteOtherDevices', userId, keepDeviceId),
  };
}
