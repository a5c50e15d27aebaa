// The domain services an app is built from.
import type { Accounts } from '../domain/accounts.js';
import type { Messaging } from '../domain/messaging.js';
import type { Store } from '../domain/ports/index.js';
import type { Sync } from '../domain/sync.js';
import type { RateLimits } from './limits.js';

export interface Services {
  accounts: Accounts;
  messaging: Messaging;
  sync: Sync;
  store: Store;
  limits: RateLimits;
  /** The injected clock's time, in milliseconds. */
  now(): number;
  /** Why the server cannot take traffic (shutting down, the database not answering), or null when it can: /readyz. */
  readiness(): Promise<string | null>;
}
