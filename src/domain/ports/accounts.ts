// Accounts as stored.
import type { User } from '../../contract/index.js';
import type { Delivery } from './feed.js';

/** An account as stored, with what only the server may see. */
export interface UserRecord {
  id: string;
  name: string;
  email: string;
  passwordHash: string;
  createdAt: number;
}

/** What deleting an account did: the devices to revoke and the events to publish after commit. */
export interface DeletedUser {
  deviceIds: string[];
  /** One `message.deleted` per retained message of the account, for every other member of its conversation; then its groups' `conversation.updated`. */
  deliveries: Delivery[];
}

export interface AccountStore {
  /** Throws name_taken / email_taken when either is held, ignoring case (also when registrations race). */
  create(user: UserRecord): Promise<void>;
  get(id: string): Promise<UserRecord | null>;
  /** By name, ignoring case. */
  findByName(name: string): Promise<UserRecord | null>;
  /** By name or email, ignoring case. */
  findByLogin(login: string): Promise<UserRecord | null>;
  /** Users whose name contains `query` (ignoring case), the exact match first, then the shortest names. */
  search(query: string, limit: number): Promise<User[]>;
  update(id: string, change: { email?: string; passwordHash?: string }): Promise<void>;
  /**
   * Deletes the account, its devices, its messages and memberships. Every other member of a
   * conversation gets a `message.deleted` event for each of the account's messages retained at `now`,
   * and the other members of its groups a `conversation.updated` (events expiring at `eventsExpireAt`).
   */
  delete(id: string, now: number, eventsExpireAt?: number | null): Promise<DeletedUser>;
}
