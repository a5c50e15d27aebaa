// What every part of the store contract shares: fresh ids, users, a send.
import assert from 'node:assert/strict';
import type { ConversationTarget, Store, UserRecord } from '../../../src/domain/ports/index.js';

let n = 0;
export const id = () => `id-${process.pid}-${++n}`;
export const NOW = Date.parse('2026-11-23T10:00:00.000Z');

export function user(name: string): UserRecord {
  return { id: id(), name, email: `${name}@example.com`, passwordHash: 'x', createdAt: NOW };
}

export async function rejectsWith(p: Promise<unknown>, code: string) {
  await assert.rejects(p, (e: { code?: string }) => e.code === code);
}

export interface ContractStore {
  /** The store under test (set once the suite's `before` opened it). */
  store(): Store;
  /** Another store of the same kind, opened for one test; the caller closes it. */
  openAnother(): Promise<{ store: Store; close(): Promise<void> }>;
}

/** Sends a message expiring a second after NOW. */
export const sender = (store: () => Store) => (senderId: string, target: ConversationTarget, body: string, clientId: string | null = null, deviceId = 'dev') =>
  store().messages.append({ id: id(), newConversationId: id(), senderId, deviceId, target, body, clientId, now: NOW, expiresAt: NOW + 1000 });

/** Creates the users (with fresh ids) in the store. */
export async function createUsers(store: Store, ...names: string[]): Promise<UserRecord[]> {
  const users = names.map(user);
  for (const u of users) await store.accounts.create(u);
  return users;
}
