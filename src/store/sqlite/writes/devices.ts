// Device writes: each runs in the writer's transaction.
import type { NewDevice } from '../../../domain/ports/index.js';
import type { Db } from '../database.js';
import { toDevice, type DeviceRow } from '../../rows.js';

export function deviceWrites(db: Db) {
  const q = {
    insertDevice: db.prepare('INSERT INTO devices (id, user_id, name, token_hash, legacy_name, created_at, last_seen_at) VALUES (?, ?, ?, ?, ?, ?, ?)'),
    touch: db.prepare('UPDATE devices SET last_seen_at = ? WHERE id = ?'),
    renameDevice: db.prepare('UPDATE devices SET name = ? WHERE id = ? AND user_id = ? RETURNING *'),
    deleteDevice: db.prepare('DELETE FROM devices WHERE id = ? AND user_id = ?'),
    otherDevices: db.prepare('SELECT id FROM devices WHERE user_id = ? AND id <> ?').pluck(),
    deleteOtherDevices: db.prepare('DELETE FROM devices WHERE user_id = ? AND id <> ?'),
  };

  return {
    createDevice(d: NewDevice): void {
      q.insertDevice.run(d.id, d.userId, d.name, d.tokenHash, d.legacyName ?? null, d.createdAt, d.lastSeenAt);
    },
    touchDevice(id: string, now: number): void {
      q.touch.run(now, id);
    },
    renameDevice(userId: string, deviceId: string, name: string) {
      const r = q.renameDevice.get(name, deviceId, userId) as DeviceRow | undefined;
      return r ? toDevice(r) : null;
    },
    deleteDevice(userId: string, deviceId: string): boolean {
      return q.deleteDevice.run(deviceId, userId).changes > 0;
    },
    deleteOtherDevices(userId: string, keepDeviceId: string): string[] {
      const ids = q.otherDevices.all(userId, keepDeviceId) as string[];
      q.deleteOtherDevices.run(userId, keepDeviceId);
      return ids;
    },
  };
}
