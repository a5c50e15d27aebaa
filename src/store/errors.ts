// Driver errors -> the domain's AppError codes. No SQL text or driver message
// ever reaches a client; the original stays as `cause` for the server's log.
import { AppError } from '../domain/errors.js';

interface DriverError {
  code?: string;
  message?: string;
  /** PostgreSQL: the constraint a violation names. */
  constraint?: string;
}

/** PostgreSQL's unique constraints (named after their column) -> the refusal they stand for. */
const PG_UNIQUE: Record<string, () => AppError> = {
  users_name_key_key: () => new AppError('name_taken', 'That name is taken'),
  users_email_key_key: () => new AppError('email_taken', 'That email is already registered'),
  devices_legacy_name_key: () => new AppError('name_taken', 'That device name is held by another account'),
};

export function translateStoreError(err: unknown): unknown {
  if (err instanceof AppError) return err;
  const e = err as DriverError;
  const text = e?.message ?? '';
  if (e?.code === 'SQLITE_CONSTRAINT_UNIQUE' || e?.code === 'SQLITE_CONSTRAINT_PRIMARYKEY') {
    if (text.includes('users.name_key')) return new AppError('name_taken', 'That name is taken');
    if (text.includes('users.email_key')) return new AppError('email_taken', 'That email is already registered');
    if (text.includes('devices.legacy_name')) return new AppError('name_taken', 'That device name is held by another account');
  }
  if (e?.code === '23505' && e.constraint && Object.hasOwn(PG_UNIQUE, e.constraint)) return PG_UNIQUE[e.constraint]!();
  if (isUnavailable(e) || isPgUnavailable(e)) {
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
 * PostgreSQL cannot answer now: the server is unreachable, shutting down or
 * starting up, out of connections or disk, or a transaction stayed locked out
 * (deadlock, serialization) after its retries. SQLSTATE classes 08 (connection),
 * 53 (resources), 57P (shutdown) and 58 (I/O); the rest are socket errors and
 * the messages pg gives a connection it lost.
 */
const PG_UNAVAILABLE_STATES = /^(08|53|57P|58|40P01$|40001$|55P03$|57014$|25006$)/;
const SOCKET_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN', 'ECONNABORTED']);
const PG_LOST = /^(Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error|Client was closed|Cannot use a pool after calling end|Query read timeout)/;

function isPgUnavailable(e: DriverError | undefined): boolean {
  const code = e?.code;
  if (typeof code === 'string' && (SOCKET_CODES.has(code) || (code.length === 5 && PG_UNAVAILABLE_STATES.test(code)))) return true;
  return PG_LOST.test(e?.message ?? '');
}

/** A read whose driver errors come out translated: `translated((id) => row(id))` is the async read. */
export function translated<A extends unknown[], R>(read: (...args: A) => R): (...args: A) => Promise<R> {
  return async (...args) => {
    try {
      return read(...args);
    } catch (err) {
      throw translateStoreError(err);
    }
  };
}
