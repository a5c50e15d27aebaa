// Cursors are opaque to clients; inside they are a position in the account's
// own feed (1, 2, 3, ...). The version prefix lets the encoding change without
// a client mistaking one for another: version 1 held a position in the one
// feed all accounts shared, which per-account positions replaced, so such a
// cursor is refused with a clear 400 (clients sync again without `since`).
import { AppError } from './errors.js';

const PREFIX = 'v2.';
const RETIRED = 'v1.';

export function encodeCursor(position: number): string {
  return Buffer.from(PREFIX + position.toString(36)).toString('base64url');
}

export function decodeCursor(cursor: string): number {
  const text = /^[A-Za-z0-9_-]{1,40}$/.test(cursor) ? Buffer.from(cursor, 'base64url').toString() : '';
  if (text.startsWith(RETIRED)) {
    throw new AppError('invalid_request', 'This cursor is from an earlier version of the server; sync again without since', [
      { field: 'since', message: 'retired cursor version' },
    ]);
  }
  const position = text.startsWith(PREFIX) && /^[0-9a-z]{1,12}$/.test(text.slice(PREFIX.length)) ? parseInt(text.slice(PREFIX.length), 36) : NaN;
  if (!Number.isSafeInteger(position)) {
    throw new AppError('invalid_request', 'The cursor is not one this server gave out', [{ field: 'since', message: 'unknown cursor' }]);
  }
  return position;
}
