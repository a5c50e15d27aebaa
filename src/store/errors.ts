// Driver errors -> the domain's AppError codes. No SQL text or driver message
// ever reaches a client; the original stays as `cause` for the server's log.
import { AppError } from '../domain/errors.js';

interface DriverError {
  code?: string;
  message?: string;
}

export function translateStoreError(err: unknown): unknown {
  if (err instanceof AppError) return err;
  const e = err as DriverError;
  const text = e?.message ?? '';
  if (e?.code === 'SQLITE_CONSTRAINT_UNIQUE' || e?.code === 'SQLITE_CONSTRAINT_PRIMARYKEY') {
    if (text.includes('users.name_key')) return new AppError('name_taken', 'That name is taken');
    if (text.includes('users.email_key')) return new AppError('email_taken', 'That email is already registered');
    if (text.includes('devices.legacy_name')) return new AppError('name_taken', 'That device name is held by another account');
  }
  if (isUnavailable(e)) {
    const unavailable = new AppError('unavailable', 'The database is not available; try again');
    (unavailable as Error).cause = err;
    return unavailable;
  }
  return err;
}

/**
 * The database cannot answer now (locked past busy_timeout, a disk error, a full
 * disk, closed while shutting down): 503, for the client to retry. The driver
 * reports extended codes (SQLITE_IOERR_FSYNC, SQLITE_BUSY_SNAPSHOT), so prefixes.
 */
const UNAVAILABLE = ['SQLITE_BUSY', 'SQLITE_LOCKED', 'SQLITE_IOERR', 'SQLITE_FULL', 'SQLITE_CANTOPEN', 'SQLITE_NOMEM', 'SQLITE_READONLY', 'SQLITE_PROTOCOL'];

function isUnavailable(e: DriverError | undefined): boolean {
  if (e?.message === 'The database connection is not open') return true; // better-sqlite3 after close()
  const code = e?.code;
  return typeof code === 'string' && UNAVAILABLE.some((prefix) => code === prefix || code.startsWith(`${prefix}_`));
}

/**
 * Wraps a store's calls so what they throw is translated, except `translated`:
 * the writes, whose queue translates already (no second promise on that path).
 */
export function translatingErrors<T extends object>(store: T, translated: readonly string[]): T {
  const wrapped = { ...store } as Record<string, unknown>;
  for (const [key, value] of Object.entries(store)) {
    if (typeof value !== 'function' || translated.includes(key)) continue;
    const call = value as (...args: unknown[]) => unknown;
    wrapped[key] = async (...args: unknown[]) => {
      try {
        return await call(...args);
      } catch (err) {
        throw translateStoreError(err);
      }
    };
  }
  return wrapped as T;
}
