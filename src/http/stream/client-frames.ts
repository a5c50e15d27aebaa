// Client frames -> checked ClientFrame values. Every frame a client sends passes
// through here, before and after authentication; ws itself has already refused
// what is not valid WebSocket (1002, 1007 invalid UTF-8, 1009 too large).
import { TypeCompiler } from '@sinclair/typebox/compiler';
import type { RawData } from 'ws';
import { ClientFrame } from '../../contract/index.js';
import { nulField } from '../nul-text.js';

const checker = TypeCompiler.Compile(ClientFrame);
const TYPES: readonly unknown[] = ClientFrame.anyOf.map((s) => s.properties.type.const);

export type ParsedFrame = { ok: true; frame: ClientFrame } | { ok: false; reason: string };

/** Why a frame is refused goes into the close reason (at most 123 bytes). */
export function parseClientFrame(data: RawData, isBinary: boolean): ParsedFrame {
  if (isBinary) return { ok: false, reason: 'send text frames of JSON' };
  let value: unknown;
  try {
    value = JSON.parse(Buffer.isBuffer(data) ? data.toString('utf8') : Buffer.concat(data as Buffer[]).toString('utf8'));
  } catch {
    return { ok: false, reason: 'a frame must be JSON' };
  }
  if (!checker.Check(value)) {
    const type = value !== null && typeof value === 'object' && 'type' in value ? (value as { type: unknown }).type : undefined;
    return { ok: false, reason: TYPES.includes(type) ? `invalid ${String(type)} frame` : 'unknown frame type' };
  }
  if (nulField(value) !== undefined) return { ok: false, reason: 'text must not contain U+0000' };
  return { ok: true, frame: value };
}
