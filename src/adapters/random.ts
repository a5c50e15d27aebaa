import { randomBytes, randomFillSync } from 'node:crypto';
import type { Random } from '../domain/ports.js';

// Ids are taken from a pool of random bytes refilled 4 KiB at a time: one
// system call per ~340 ids instead of one per id, on the send path.
const pool = Buffer.alloc(4096);
let offset = pool.length;

function poolBytes(n: number): Buffer {
  if (offset + n > pool.length) {
    randomFillSync(pool);
    offset = 0;
  }
  const bytes = pool.subarray(offset, offset + n);
  offset += n;
  return bytes;
}

/** Ids: 96 random bits; tokens: 256 random bits, fresh from the system for each. Both URL-safe. */
export const cryptoRandom: Random = {
  id: () => poolBytes(12).toString('base64url'),
  token: () => randomBytes(32).toString('base64url'),
};
