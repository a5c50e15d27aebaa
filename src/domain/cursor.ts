// Cursors are opaque to clients; inside they are a position in the account's
// event feed. The version prefix lets the encoding change without breaking
// cursors clients already hold.
import { AppError } from './errors.js';

const PREFIX = 'v1.';

export function encodeCursor(position: number): string {
  return Buffer.from(PREFIX + position.toString(36)).toString('base64url');
}

export function decodeCursor(cursor: string): number {
  const text = /^[A-Za-z0-9_-]{1,40}$/.test(cursor) ? Buffer.from(cursor, 'base64url').toString() : '';
  const position = text.startsWith(PREFIX) && /^[0-9a-z]{1,12}$/.test(text.slice(PREFIX.length)) ? parseInt(text.slice(PREFIX.length), 36) : NaN;
  if (!Number.isSafeInteger(position)) {
    throw new AppError('invalid_request', 'The cursor is not one this server gave out', [{ field: 'since', message: 'unknown cursor' }]);
  }
  return position;
}
