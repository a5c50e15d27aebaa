// Turning messages into screen rows of a given width, so scrolling can count
// rows exactly (each row is drawn truncated, never wrapped by the terminal).
import type { Conversation, Message } from '../../sdk/index.js';
import { feedLine, formatTime, type Me } from '../format.js';
import type { Shown } from './state.js';

export interface Row {
  key: string;
  /** The first row of a message: its time and sender. */
  head?: { time: string; name: string; mine: boolean };
  text: string;
  note?: { text: string; color: 'gray' | 'red' };
}

/** Splits text into lines of at most `width` characters, at spaces where it can. */
export function wrap(text: string, width: number): string[] {
  const w = Math.max(1, width);
  const out: string[] = [];
  for (const paragraph of text.split(/\r?\n/)) {
    let rest = Array.from(paragraph);
    if (rest.length === 0) out.push('');
    while (rest.length > 0) {
      if (rest.length <= w) {
        out.push(rest.join(''));
        break;
      }
      let cut = rest.lastIndexOf(' ', w);
      if (cut <= 0) cut = w;
      out.push(rest.slice(0, cut).join('').trimEnd());
      rest = rest.slice(cut);
      while (rest[0] === ' ') rest = rest.slice(1);
    }
  }
  return out;
}

export function messageRows(shown: Shown[], width: number, me: Me | null, now = new Date()): Row[] {
  const rows: Row[] = [];
  for (const s of shown) {
    const m = s.message;
    const time = formatTime(m.createdAt, now);
    const head = { time, name: m.sender.name, mine: m.sender.id === me?.id };
    const prefix = Array.from(`${time} ${m.sender.name}: `).length;
    const indent = Math.min(prefix, Math.floor(width / 3));
    const first = wrap(m.body, width - prefix);
    const firstLine = first.shift() ?? '';
    const restLines = first.length ? wrap(first.join(' '), width - indent) : [];
    rows.push({ key: `${s.key}:0`, head, text: firstLine });
    restLines.forEach((text, i) => rows.push({ key: `${s.key}:${i + 1}`, text: ' '.repeat(indent) + text }));
    if (s.status === 'sending') rows[rows.length - 1]!.note = { text: ' (sending…)', color: 'gray' };
    if (s.status === 'failed') rows.push({ key: `${s.key}:failed`, text: '', note: { text: `  ✗ not sent: ${s.error ?? 'failed'}`, color: 'red' } });
  }
  return rows;
}

/** A feed (sent or received messages) as rows: one message per row, cut to the width. */
export function feedRows(messages: Message[], conversations: Conversation[], me: Me): Row[] {
  const byId = new Map(conversations.map((c) => [c.id, c]));
  return messages.map((m) => ({ key: m.id, text: feedLine(m, byId.get(m.conversationId), me) }));
}

/** The rows that fit in `height`, `scroll` rows up from the newest. */
export function visible<T>(rows: T[], height: number, scroll: number): T[] {
  const end = Math.max(0, rows.length - scroll);
  return rows.slice(Math.max(0, end - height), end);
}

/** The end of a long draft, so what is being typed stays in view. */
export function tail(text: string, width: number): string {
  const chars = Array.from(text);
  return chars.length <= width ? text : '…' + chars.slice(chars.length - width + 1).join('');
}
