import { randomBytes } from 'node:crypto';
import type { Random } from '../domain/ports.js';

/** Ids: 96 random bits; tokens: 256 random bits. Both URL-safe. */
export const cryptoRandom: Random = {
  id: () => randomBytes(12).toString('base64url'),
  token: () => randomBytes(32).toString('base64url'),
};
