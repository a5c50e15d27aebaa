// Messages between the store (main thread) and its writer thread.
import { AppError } from '../../domain/errors.js';
import type { ErrorCode, ErrorDetail } from '../../contract/errors.js';
import type { WriteArgs, WriteOp } from './writes/index.js';

/** A call of one write of the table, its arguments typed by its op. */
export interface WriteCall<K extends WriteOp = WriteOp> {
  kind: 'call';
  id: number;
  op: K;
  args: WriteArgs<K>;
}

export type WriterRequest = WriteCall | { kind: 'close' };

export type SerializedError = { app: true; code: ErrorCode; message: string; details?: ErrorDetail[] } | { app: false; message: string; code?: string };

export type WriterResult = { id: number; ok: true; value: unknown } | { id: number; ok: false; error: SerializedError };

/** [seconds, writes] of each commit since the previous message: the main thread's metrics. */
export type CommitTimes = [number, number][];

export type WriterMessage = { kind: 'results'; results: WriterResult[]; commits: CommitTimes } | { kind: 'closed' } | { kind: 'ready' } | { kind: 'failed'; message: string };

export function serializeError(err: unknown): SerializedError {
  if (err instanceof AppError) return { app: true, code: err.code, message: err.message, details: err.details };
  const e = err as { message?: string; code?: string };
  return { app: false, message: String(e?.message ?? err), code: e?.code };
}

export function deserializeError(e: SerializedError): Error {
  if (e.app) return new AppError(e.code, e.message, e.details);
  return Object.assign(new Error(e.message), { code: e.code });
}
