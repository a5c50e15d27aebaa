// Devices (one per login) and the sessions their tokens open.
import type { UserRecord } from './accounts.js';

export interface DeviceRecord {
  id: string;
  userId: string;
  name: string;
  createdAt: number;
  lastSeenAt: number;
}

export interface Session {
  user: UserRecord;
  device: DeviceRecord;
}

export interface NewDevice extends DeviceRecord {
  /** The hash of the device's bearer token; the token itself is never stored. */
  tokenHash: string;
  /** The seed API's device name, a bearer secret held by one account (name_taken otherwise). */
  legacyName?: string;
}

export interface DeviceStore {
  create(device: NewDevice): Promise<void>;
  findSession(tokenHash: string): Promise<Session | null>;
  findLegacy(legacyName: string): Promise<Session | null>;
  touch(id: string, now: number): Promise<void>;
  /** The user's devices, oldest first. */
  list(userId: string): Promise<DeviceRecord[]>;
  /** Null when the user has no such device. */
  rename(userId: string, deviceId: string, name: string): Promise<DeviceRecord | null>;
  /** False when the user has no such device. */
  delete(userId: string, deviceId: string): Promise<boolean>;
  /** Deletes every device of the user but one; returns the deleted ids. */
  deleteOthers(userId: string, keepDeviceId: string): Promise<string[]>;
}
