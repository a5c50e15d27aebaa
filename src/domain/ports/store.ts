// A store: the per-entity ports together. Every write is one transaction,
// durable when its promise resolves, and runs the domain's policy on the rows
// it read inside that transaction; events are written in the same transaction
// as what they describe. Refusals are AppErrors; so are driver failures
// (a database that cannot answer is `unavailable`).
import type { AccountStore } from './accounts.js';
import type { ConversationStore } from './conversations.js';
import type { DeviceStore } from './devices.js';
import type { FeedStore } from './feed.js';
import type { MessageStore } from './messages.js';
import type { RetentionStore } from './retention.js';

export interface Store {
  accounts: AccountStore;
  devices: DeviceStore;
  conversations: ConversationStore;
  messages: MessageStore;
  feed: FeedStore;
  retention: RetentionStore;
  /** Resolves when the database answers. */
  ping(): Promise<void>;
  /** Commits what is queued and closes; later calls are `unavailable`. */
  close(): Promise<void>;
}
