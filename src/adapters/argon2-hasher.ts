// argon2id with OWASP's minimum (m=19 MiB, t=2, p=1). The native library hashes
// on libuv's thread pool, so a login never blocks the event loop.
import argon2 from 'argon2';
import type { Hasher } from '../domain/ports/index.js';

export const ARGON2_OPTIONS = { type: argon2.argon2id, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export const argon2Hasher: Hasher = {
  hash: (password) => argon2.hash(password, ARGON2_OPTIONS),
  verify: async (hash, password) => {
    try {
      return await argon2.verify(hash, password);
    } catch {
      return false; // a malformed stored hash never lets anyone in
    }
  },
};
