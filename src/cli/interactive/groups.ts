// Creating a group from the interactive chat, and what the others have read
// (the receipts of the account's feed), for "seen" under your messages.
import { Limits, type ChatClient, type Conversation } from '../../sdk/index.js';
import type { Store } from './store.js';

/** The members field: names separated by spaces or commas, `@` optional. */
export function memberNames(text: string): string[] {
  return text.split(/[\s,]+/).map((n) => n.replace(/^@/, '')).filter(Boolean);
}

/** Creates the group the form describes; resolves with it, or with a reason to show when the form is not complete. */
export async function createGroup(client: ChatClient, store: Store): Promise<Conversation | string> {
  const { title, members } = store.getState().group;
  if (title.trim() === '') return 'the group needs a title';
  const names = memberNames(members);
  if (names.length === 0) return 'name at least one member';
  store.dispatch({ type: 'group/busy', busy: true });
  try {
    return await client.createGroup(title.trim(), names);
  } finally {
    store.dispatch({ type: 'group/busy', busy: false });
  }
}

/** Receipts read from the feed at start, at most this many pages: retained history is short (the message TTL). */
const RECEIPT_PAGES = 10;

/** Reads the receipts already in the account's feed, so "seen" is right before any new one arrives. */
export async function loadReceipts(client: ChatClient, store: Store, myId: string): Promise<void> {
  let since: string | undefined;
  for (let page = 0; page < RECEIPT_PAGES; page++) {
    const answer = await client.sync({ since, limit: Limits.syncPageMax });
    for (const e of answer.events) {
      if (e.type === 'receipt' && e.userId !== myId) store.dispatch({ type: 'receipt', conversationId: e.conversationId, userId: e.userId, messageId: e.messageId });
    }
    if (!answer.hasMore) return;
    since = answer.cursor;
  }
}
