import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { decodeCursor, encodeCursor } from '../../src/domain/cursor.js';

describe('cursor', () => {
  it('round-trips positions and is opaque', () => {
    for (const n of [0, 1, 35, 36, 123456789, Number.MAX_SAFE_INTEGER]) {
      const c = encodeCursor(n);
      assert.match(c, /^[A-Za-z0-9_-]+$/);
      assert.ok(!c.includes(String(n)) || n < 10);
      assert.equal(decodeCursor(c), n);
    }
  });

  it('refuses anything it did not make with invalid_request', () => {
    for (const bad of ['', 'abc', 'djEu', Buffer.from('v3.5').toString('base64url'), Buffer.from('v2.-1').toString('base64url'), 'a'.repeat(60), 'not/base64']) {
      assert.throws(() => decodeCursor(bad), (e: { code?: string }) => e.code === 'invalid_request', bad);
    }
  });
});
