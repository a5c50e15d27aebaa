// What both stores keep beside a feed event's payload: which message the row
// is about (its events go with it), and when the row stops being shown.
import type { FeedEventData } from '../domain/events.js';

/**
 * A message event ends at its message's expiry; an event about no message
 * (a group change) at the `expiresAt` its write gives.
 */
export function feedRowKeys(event: FeedEventData, expiresAt: number | null): { messageId: string | null; expiresAt: number | null } {
  switch (event.type) {
    case 'message': {
      const { id, expiresAt: at } = event.message;
      return { messageId: id, expiresAt: at === null ? null : Date.parse(at) };
    }
    case 'message.deleted':
    case 'receipt':
      return { messageId: event.messageId, expiresAt: null };
    case 'conversation.updated':
    case 'conversation.removed':
      return { messageId: null, expiresAt };
  }
}
