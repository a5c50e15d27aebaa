// Stored records -> the API's objects.
import type { Device, User } from '../contract/index.js';
import type { DeviceRecord, UserRecord } from './ports/index.js';

export const iso = (ms: number): string => new Date(ms).toISOString();

export function publicUser(u: UserRecord, self = false): User {
  const user: User = { id: u.id, name: u.name, createdAt: iso(u.createdAt) };
  if (self) user.email = u.email;
  return user;
}

export function publicDevice(d: DeviceRecord, currentDeviceId: string): Device {
  return { id: d.id, name: d.name, createdAt: iso(d.createdAt), lastSeenAt: iso(d.lastSeenAt), current: d.id === currentDeviceId };
}
