// PostgreSQL cannot hold the NUL character (U+0000) in text, and no field of
// the API has a use for one: a request with it in a body field, a query or a
// path parameter is refused before validation, the same on every store (on
// PostgreSQL it would otherwise fail inside a query, as a 500). Stream frames
// are checked with the same walk.
import type { FastifyInstance } from 'fastify';
import { AppError } from '../domain/errors.js';

const PROBLEM = 'must not contain the NUL character (U+0000)';

/** The path of the first string in `value` (keys included) that holds a NUL, '' for `value` itself; undefined if none. */
export function nulField(value: unknown): string | undefined {
  // A walk with its own stack: a deeply nested body must not overflow the call stack.
  const stack: { value: unknown; path: string }[] = [{ value, path: '' }];
  while (stack.length) {
    const { value: v, path } = stack.pop()!;
    if (typeof v === 'string') {
      if (v.includes('\0')) return path;
    } else if (v !== null && typeof v === 'object') {
      for (const [key, child] of Object.entries(v)) {
        const at = path ? `${path}.${key}` : key;
        if (key.includes('\0')) return at;
        stack.push({ value: child, path: at });
      }
    }
  }
  return undefined;
}

/** Throws `invalid_request` naming the field when a value holds a NUL. */
export function refuseNul(value: unknown): void {
  const field = nulField(value);
  if (field === undefined) return;
  // The path is the client's: shown cut short, without the NUL itself.
  const name = (field || 'body').replace(/\0/g, '\\0').slice(0, 64);
  throw new AppError('invalid_request', `${name} ${PROBLEM}`, [{ field: name, message: PROBLEM }]);
}

export function registerNulRefusal(app: FastifyInstance): void {
  app.addHook('preValidation', async (request) => {
    for (const value of [request.params, request.query, request.body]) refuseNul(value);
  });
}
