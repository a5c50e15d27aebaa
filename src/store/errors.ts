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
  if (e?.code === 'SQLITE_BUSY' || e?.code === 'SQLITE_IOERR' || e?.code === 'SQLITE_FULL' || e?.code === 'SQLITE_CANTOPEN') {
    const unavailable = new AppError('unavailable', 'The database is not available; try again');
    (unavailable as Error).cause = err;
    return unavailable;
  }
  return err;
}
