// Devices and sessions on PostgreSQL.
import type { DeviceStore, NewDevice, Session } from '../../domain/ports/index.js';
import { toDevice, toUser, type DeviceRow, type UserRow } from '../rows.js';
import { sql, type Db } from './db.js';

type SessionRow = UserRow & { d_id: string; user_id: string; d_name: string; d_created_at: number; last_seen_at: number };

const toSession = (row: SessionRow | undefined): Session | null =>
  row
    ? { user: toUser(row), device: { id: row.d_id, userId: row.user_id, name: row.d_name, createdAt: row.d_created_at, lastSeenAt: row.last_seen_at } }
    : null;

const SESSION = `SELECT d.id AS d_id, d.user_id, d.name AS d_name, d.created_at AS d_created_at, d.last_seen_at, u.*
  FROM devices d JOIN users u ON u.id = d.user_id`;

const q = {
  insertDevice: sql('INSERT INTO devices (id, user_id, name, token_hash, legacy_name, created_at, last_seen_at) VALUES ($1, $2, $3, $4, $5, $6, $7)'),
  sessionByToken: sql(`${SESSION} WHERE d.token_hash = $1`),
  sessionByLegacyName: sql(`${SESSION} WHERE d.legacy_name = $1`),
  touch: sql('UPDATE devices SET last_seen_at = $1 WHERE id = $2'),
  devices: sql('SELECT * FROM devices WHERE user_id = $1 ORDER BY created_at, id COLLATE "C"'),
  renameDevice: sql('UPDATE devices SET name = $1 WHERE id = $2 AND user_id = $3 RETURNING *'),
  deleteDevice: sql('DELETE FROM devices WHERE id = $1 AND user_id = $2 RETURNING id'),
  deleteOtherDevices: sql('DELETE FROM devices WHERE user_id = $1 AND id <> $2 RETURNING id'),
};

export function postgresDevices(db: Db): DeviceStore {
  return {
    create: (d: NewDevice) =>
      db.transaction(async (tx) => {
        await tx.rows(q.insertDevice, d.id, d.userId, d.name, d.tokenHash, d.legacyName ?? null, d.createdAt, d.lastSeenAt);
      }),
    findSession: async (tokenHash) => toSession((await db.rows<SessionRow>(q.sessionByToken, tokenHash))[0]),
    findLegacy: async (legacyName) => toSession((await db.rows<SessionRow>(q.sessionByLegacyName, legacyName))[0]),
    touch: async (id, now) => {
      await db.rows(q.touch, now, id); // one statement: its own transaction
    },
    list: async (userId) => (await db.rows<DeviceRow>(q.devices, userId)).map(toDevice),
    rename: async (userId, deviceId, name) => {
      const [row] = await db.rows<DeviceRow>(q.renameDevice, name, deviceId, userId);
      return row ? toDevice(row) : null;
    },
    delete: async (userId, deviceId) => (await db.rows(q.deleteDevice, deviceId, userId)).length > 0,
    deleteOthers: async (userId, keepDeviceId) => (await db.rows<{ id: string }>(q.deleteOtherDevices, userId, keepDeviceId)).map((r) => r.id),
  };
}
