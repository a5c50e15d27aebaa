// Clients for the seed's /api/* layer as its users drive it: the real curl
// binary, and raw HTTP that (unlike fetch) may put a body on a GET.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { request } from 'node:http';

export interface LegacyAnswer {
  status: number;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- answers of any shape are what these tests inspect
  body: any;
  headers: Record<string, string | string[] | undefined>;
}

function parse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/**
 * Runs /usr/bin/curl with `args` and returns the status and parsed body.
 * Asynchronous on purpose: the server runs in this process, and a blocking
 * execFileSync would stop it from ever answering.
 */
export function curl(...args: string[]): Promise<LegacyAnswer> {
  return new Promise((resolve, reject) => {
    execFile('/usr/bin/curl', ['--silent', '--show-error', '--write-out', '\n%{http_code}', ...args], (err, stdout, stderr) => {
      if (err) return reject(new Error(`curl ${args.join(' ')} failed: ${stderr || err.message}`));
      const cut = stdout.lastIndexOf('\n');
      resolve({ status: Number(stdout.slice(cut + 1)), body: parse(stdout.slice(0, cut)), headers: {} });
    });
  });
}

export type Fields = Record<string, string>;

export const form = (fields: Fields): string => new URLSearchParams(fields).toString();

export interface SendOptions {
  /** Sent as application/x-www-form-urlencoded. */
  form?: Fields;
  /** Sent as application/json. */
  json?: unknown;
  /** Appended as the query string. */
  query?: Fields;
  /** Sent as is, with `contentType` if given (none otherwise). */
  text?: string;
  contentType?: string;
  /** Send the body chunked instead of with a Content-Length. */
  chunked?: boolean;
}

/** One HTTP request through node:http, which (unlike fetch) allows a body on GET, as the seed's client sends. */
export function legacy(url: string, method: string, path: string, options: SendOptions = {}): Promise<LegacyAnswer> {
  let body: string | undefined;
  let contentType = options.contentType;
  if (options.form) [body, contentType] = [form(options.form), 'application/x-www-form-urlencoded'];
  else if (options.json !== undefined) [body, contentType] = [JSON.stringify(options.json), 'application/json'];
  else if (options.text !== undefined) body = options.text;
  const target = new URL(path + (options.query ? `?${form(options.query)}` : ''), url);
  const headers: Record<string, string | number> = {};
  if (contentType) headers['content-type'] = contentType;
  // Node frames a GET body only when told how: by its length, or chunked explicitly.
  if (body !== undefined) headers[options.chunked ? 'transfer-encoding' : 'content-length'] = options.chunked ? 'chunked' : Buffer.byteLength(body);
  return new Promise((resolve, reject) => {
    const req = request(target, { method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: parse(Buffer.concat(chunks).toString('utf8')), headers: res.headers }));
      res.on('error', reject);
    });
    req.on('error', reject);
    if (body !== undefined && options.chunked) {
      // Two writes, so the body really arrives in more than one chunk.
      const half = Math.floor(body.length / 2);
      req.write(body.slice(0, half));
      req.write(body.slice(half));
    } else if (body !== undefined) {
      req.write(body);
    }
    req.end();
  });
}

/** A refusal of the legacy layer: this status and exactly `{"message": "<non-empty text>"}`. */
export function assertRefusal(answer: LegacyAnswer, status: number, mentions?: RegExp): void {
  assert.equal(answer.status, status, `expected ${status}, got ${answer.status} ${JSON.stringify(answer.body)}`);
  assert.deepEqual(Object.keys(answer.body ?? {}), ['message'], `not the legacy refusal shape: ${JSON.stringify(answer.body)}`);
  assert.equal(typeof answer.body.message, 'string');
  assert.ok(answer.body.message.length > 0);
  if (mentions) assert.match(answer.body.message, mentions);
}

/** A success of the legacy layer that answers `{"message": "<non-empty text>"}`. */
export function assertOk(answer: LegacyAnswer): void {
  assert.equal(answer.status, 200, `expected 200, got ${answer.status} ${JSON.stringify(answer.body)}`);
  assert.deepEqual(Object.keys(answer.body ?? {}), ['message']);
  assert.equal(typeof answer.body.message, 'string');
  assert.ok(answer.body.message.length > 0);
}

export const GMAIL = (name: string) => `${name}@gmail.com`;
export const LEGACY_PASSWORD = 'seed-pass-123';

/** The fields of /api/regist and /api/user for `name`. */
export const account = (name: string, device?: string): Fields => ({
  name,
  gmail: GMAIL(name),
  password: LEGACY_PASSWORD,
  ...(device === undefined ? {} : { name_devices: device }),
});
