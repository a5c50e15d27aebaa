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

/** Tab stops every 4 columns: a terminal would expand a tab to up to 8 columns that no width counted. */
const TAB = 4;

/** Each tab as the spaces that reach the next tab stop of its line, so widths are what the terminal shows. */
export function expandTabs(text: string): string {
  return text
    .split('\n')
    .map((line) => {
      let out = '';
      for (const ch of Array.from(line)) out += ch === '\t' ? ' '.repeat(TAB - (Array.from(out).length % TAB)) : ch;
      return out;
    })
    .join('\n');
}

/** Text cut to `width` characters, with … when something was cut. */
export function cut(text: string, width: number): string {
  const chars = Array.from(text);
  if (chars.length <= width) return text;
  return width <= 0 ? '' : chars.slice(0, width - 1).join('') + '…';
}

/** Your own messages are "you", wherever they are shown. */
export const YOU = 'you';

/** Where "seen" goes: under the message with this key. */
export interface SeenMark {
  key: string;
  text: string;
}

/**
 * The last of your messages another member has read, and who: a member has read
 * up to their receipt's message, and up to their own latest message (what one
 * sends counts as read).
 */
export function seenMark(shown: Shown[], receipts: Record<string, string> | undefined, me: Me | null, members: Me[], group: boolean): SeenMark | undefined {
  if (!me) return undefined;
  const readTo = new Map<string, { name: string; at: number }>();
  const at = new Map(shown.map((s, i) => [s.message.id, i]));
  shown.forEach((s, i) => {
    if (s.status === 'sent' && s.message.sender.id !== me.id) readTo.set(s.message.sender.id, { name: s.message.sender.name, at: i });
  });
  for (const [userId, messageId] of Object.entries(receipts ?? {})) {
    const i = at.get(messageId);
    const known = readTo.get(userId);
    const name = known?.name ?? members.find((m) => m.id === userId)?.name ?? 'someone';
    if (userId !== me.id && i !== undefined && (!known || i > known.at)) readTo.set(userId, { name, at: i });
  }
  for (let j = shown.length - 1; j >= 0; j--) {
    const s = shown[j]!;
    if (s.status !== 'sent' || s.message.sender.id !== me.id) continue;
    const readers = [...readTo.values()].filter((r) => r.at >= j).map((r) => r.name);
    if (readers.length) return { key: s.key, text: group ? `seen by ${readers.sort().join(', ')}` : 'seen' };
  }
  return undefined;
}

export function messageRows(shown: Shown[], width: number, me: Me | null, now = new Date(), seen?: SeenMark): Row[] {
  const rows: Row[] = [];
  for (const s of shown) {
    const m = s.message;
    const time = formatTime(m.createdAt, now);
    const mine = m.sender.id === me?.id;
    const head = { time, name: mine ? YOU : m.sender.name, mine };
    const prefix = Array.from(`${time} ${head.name}: `).length;
    const indent = Math.min(prefix, Math.floor(width / 3));
    // Every line break of the body is kept: the first line follows the sender, the others start at the indent.
    const [firstParagraph = '', ...paragraphs] = expandTabs(m.body).split(/\r?\n/);
    const first = wrap(firstParagraph, width - prefix);
    const firstLine = first.shift() ?? '';
    const restLines = [...(first.length ? wrap(first.join(' '), width - indent) : []), ...paragraphs.flatMap((p) => wrap(p, width - indent))];
    rows.push({ key: `${s.key}:0`, head, text: firstLine });
    restLines.forEach((text, i) => rows.push({ key: `${s.key}:${i + 1}`, text: ' '.repeat(indent) + text }));
    if (s.status === 'sending') rows[rows.length - 1]!.note = { text: ' (sending…)', color: 'gray' };
    if (s.status === 'failed') rows.push({ key: `${s.key}:failed`, text: '', note: { text: `  ✗ not sent: ${s.error ?? 'failed'}`, color: 'red' } });
    if (seen?.key === s.key) rows.push({ key: `${s.key}:seen`, text: ' '.repeat(indent), note: { text: `✓ ${seen.text}`, color: 'gray' } });
  }
  return rows;
}

/** A feed (sent or received messages) as rows: one message per row, cut to the width. */
export function feedRows(messages: Message[], conversations: Conversation[], me: Me): Row[] {
  const byId = new Map(conversations.map((c) => [c.id, c]));
  const asShown = (m: Message): Message => (m.sender.id === me.id ? { ...m, sender: { ...m.sender, name: YOU } } : m);
  return messages.map((m) => ({ key: m.id, text: feedLine(asShown(m), byId.get(m.conversationId), me) }));
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
