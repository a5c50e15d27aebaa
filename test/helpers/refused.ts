// Asserts that an SDK call was refused with this status and (if given) this code.
import assert from 'node:assert/strict';
import { ChatApiError } from '../../src/sdk/index.js';

export async function refused(promise: Promise<unknown>, status: number, code?: string): Promise<ChatApiError> {
  let caught: unknown;
  await assert.rejects(promise, (err: unknown) => {
    caught = err;
    assert.ok(err instanceof ChatApiError, `expected ChatApiError, got ${String(err)}`);
    assert.equal(err.status, status, `status of ${err.code}: ${err.message}`);
    if (code !== undefined) assert.equal(err.code, code);
    return true;
  });
  return caught as ChatApiError;
}
