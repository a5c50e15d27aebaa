// The feed event codec and the cursor versions, alone.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { FeedEvent } from '../../src/contract/index.js';
import { decodeCursor, encodeCursor } from '../../src/domain/cursor.js';
import { atPosition, decodeEvent, encodeEvent, UnknownEventError, type FeedEventData } from '../../src/domain/events.js';

const message = {
  id: 'm1', conversationId: 'c1', sender: { id: 'u1', name: 'ann' }, body: 'hi "there"', createdAt: '2026-11-23T10:00:00.000Z', expiresAt: null, clientId: 'x',
};
const samples: FeedEventData[] = [
  { type: 'message', message },
  { type: 'message.deleted', conversationId: 'c1', messageId: 'm1' },
  { type: 'receipt', conversationId: 'c1', userId: 'u2', messageId: 'm1' },
];

describe('feed event codec', () => {
  it('decodes what it encodes, each type with its cursor, as it is published', () => {
    for (const [i, data] of samples.entries()) {
      const { type, payload } = encodeEvent(data);
      assert.equal(type, data.type);
      assert.ok(!payload.includes('"type"') && !payload.includes('cursor'), 'the payload holds only the payload');
      const decoded = decodeEvent(type, payload, i + 1);
      assert.deepEqual(decoded, { ...data, cursor: encodeCursor(i + 1) } as FeedEvent);
      assert.equal(JSON.stringify(decoded), JSON.stringify(atPosition(data, i + 1)), 'the same fields in the same order as a live event');
      assert.equal(decodeCursor(decoded.cursor), i + 1);
    }
  });

  it('an unknown type is an error, never another event', () => {
    assert.throws(() => decodeEvent('message.edited', '{"conversationId":"c1","messageId":"m1"}', 1), UnknownEventError);
    assert.throws(() => decodeEvent('toString', '{}', 1), UnknownEventError);
  });

  it('a payload without the fields of its schema is an error', () => {
    assert.throws(() => decodeEvent('receipt', '{"conversationId":"c1","messageId":"m1"}', 1), /lacks its userId/);
  });
});

describe('cursor versions', () => {
  it('a cursor of the shared feed (version 1) is refused with a clear invalid_request on since', () => {
    const old = Buffer.from('v1.' + (42).toString(36)).toString('base64url');
    assert.throws(
      () => decodeCursor(old),
      (e: { code?: string; message?: string; details?: { field: string }[] }) =>
        e.code === 'invalid_request' && /earlier version/.test(e.message ?? '') && e.details?.[0]?.field === 'since',
    );
  });
});
