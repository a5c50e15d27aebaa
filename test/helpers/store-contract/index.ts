// One contract suite for the Store ports, run on every implementation (as
// Mattermost's storetest does): SQLite with the writer thread and inline now,
// PostgreSQL when it comes. It ends by checking that it called every method of
// every port (see coverage.ts).
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Store } from '../../../src/domain/ports/index.js';
import { accountsContract } from './accounts.js';
import { conversationsContract } from './conversations.js';
import { everyMethod, recording } from './coverage.js';
import { rejectsWith, user } from './fixture.js';
import { groupEventsContract } from './group-events.js';
import { messagesContract } from './messages.js';

export type OpenStore = () => Promise<{ store: Store; close(): Promise<void> }>;

export function storeContract(name: string, open: OpenStore) {
  describe(`Store contract: ${name}`, () => {
    const called = new Set<string>();
    let store: Store;
    let close: () => Promise<void>;
    before(async () => {
      const opened = await open();
      store = recording(opened.store, called);
      close = opened.close;
    });
    after(() => close());
    const context = {
      store: () => store,
      openAnother: async () => {
        const opened = await open();
        return { store: recording(opened.store, called), close: opened.close };
      },
    };

    accountsContract(context);
    conversationsContract(context);
    groupEventsContract(context);
    messagesContract(context);

    it('answers ping while open; once closed, reads and writes are unavailable (503), and close again is harmless', async () => {
      const other = await context.openAnother();
      try {
        await other.store.ping();
        await other.store.close();
        await rejectsWith(other.store.ping(), 'unavailable');
        await rejectsWith(other.store.accounts.get('someone'), 'unavailable');
        await rejectsWith(other.store.accounts.create(user('late')), 'unavailable');
        await other.store.close();
      } finally {
        await other.close();
      }
    });

    it('called every method of every port', () => {
      assert.deepEqual(everyMethod.filter((m) => !called.has(m)), []);
    });
  });
}
