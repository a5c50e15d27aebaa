// The seed's clients send fields as a form, as JSON, or in the query string -
// also on GET (its own client sends GET /api/get_messages with a body, which
// Fastify does not parse for GET). This merges them into one record.
import type { FastifyRequest } from 'fastify';
import { AppError } from '../domain/errors.js';
import { refuseNul } from './nul-text.js';

export type Fields = Record<string, string>;

/**
 * Parses a body by its content type: JSON, a form, or (from careless clients)
 * either, sniffed. `curl -d '{...}'` labels JSON a form, and no form of these
 * fields starts with `{`, so such a body is read as JSON when it parses as JSON.
 */
export function parseLegacyBody(text: string, contentType: string | undefined): Fields {
  const type = (contentType ?? '').split(';')[0]!.trim().toLowerCase();
  const trimmed = text.trim();
  if (trimmed === '') return {};
  const isForm = type === 'application/x-www-form-urlencoded';
  if (type === 'application/json' || /^[{[]/.test(trimmed)) {
    try {
      return flatten(JSON.parse(trimmed));
    } catch {
      if (!isForm) throw new AppError('invalid_request', 'The body is not valid JSON');
    }
  }
  return Object.fromEntries(new URLSearchParams(trimmed));
}

function flatten(value: unknown): Fields {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return {};
  const out: Fields = {};
  for (const [k, v] of Object.entries(value)) if (typeof v === 'string' || typeof v === 'number') out[k] = String(v);
  return out;
}

/** Reads a body Fastify left unread (GET), up to `limit` bytes. */
export async function readRawBody(request: FastifyRequest, limit: number): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request.raw) {
    size += (chunk as Buffer).length;
    if (size > limit) throw new AppError('payload_too_large', 'The request body is too large');
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

export function hasUnreadBody(request: FastifyRequest): boolean {
  const length = request.headers['content-length'];
  return request.body === undefined && ((length !== undefined && length !== '0') || request.headers['transfer-encoding'] !== undefined);
}

/** Query string, then body: a field in the body wins. */
export function mergeFields(request: FastifyRequest, rawBody?: Fields): Fields {
  const query = flatten(request.query);
  const body = rawBody ?? (typeof request.body === 'string' ? parseLegacyBody(request.body, request.headers['content-type']) : flatten(request.body));
  const fields = { ...query, ...body };
  // A form or a GET body is parsed only here, past the hook that refuses NUL in parsed bodies (nul-text.ts).
  refuseNul(fields);
  return fields;
}
