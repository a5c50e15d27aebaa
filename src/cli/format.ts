// Human output: compact lines, times in the local time zone.
import type { Conversation, Device, Message, User } from '../sdk/index.js';

const pad = (n: number) => String(n).padStart(2, '0');

/** `10:02` today, `2026-11-22 10:02` on any other day (local time). */
export function formatTime(iso: string, now: Date = new Date()): string {
  const t = new Date(iso);
  const hm = `${pad(t.getHours())}:${pad(t.getMinutes())}`;
  const sameDay = t.getFullYear() === now.getFullYear() && t.getMonth() === now.getMonth() && t.getDate() === now.getDate();
  return sameDay ? hm : `${t.getFullYear()}-${pad(t.getMonth() + 1)}-${pad(t.getDate())} ${hm}`;
}

/** Newlines in a body would break the one-line-per-message layout. */
function oneLine(body: string): string {
  return body.replace(/\r?\n/g, ' ⏎ ');
}

export interface Me {
  id: string;
  name: string;
}

/** A direct conversation is named after the other member (oneself for notes to self); a group by its title. */
export function conversationName(c: Conversation, me: Me): string {
  if (c.kind === 'group') return c.title ?? '(untitled group)';
  return c.members.find((m) => m.id !== me.id)?.name ?? me.name;
}

/** `[10:02] alice: hello` - for a view of one conversation. */
export function messageLine(m: Message): string {
  return `[${formatTime(m.createdAt)}] ${m.sender.name}: ${oneLine(m.body)}`;
}

/**
 * A message seen outside its conversation (inbox, watch): groups are named
 * (`[10:02] #team alice: hi`), and one's own direct messages show the recipient
 * (`[10:02] alice → bob: hi`).
 */
export function feedLine(m: Message, conversation: Conversation | undefined, me: Me): string {
  const time = `[${formatTime(m.createdAt)}]`;
  if (conversation?.kind === 'group') return `${time} #${conversationName(conversation, me)} ${m.sender.name}: ${oneLine(m.body)}`;
  if (m.sender.id === me.id && conversation) return `${time} ${m.sender.name} → ${conversationName(conversation, me)}: ${oneLine(m.body)}`;
  return `${time} ${m.sender.name}: ${oneLine(m.body)}`;
}

/** Conversations as aligned rows: name, unread count, last message, id. */
export function conversationRows(list: Conversation[], me: Me): string[] {
  const names = list.map((c) => (c.kind === 'group' ? `#${conversationName(c, me)}` : conversationName(c, me)));
  const width = Math.max(...names.map((n) => n.length));
  return list.map((c, i) => {
    const unread = c.unread > 0 ? `${c.unread} unread` : '';
    const last = c.lastMessage ? `[${formatTime(c.lastMessage.createdAt)}] ${c.lastMessage.sender.name}: ${truncate(oneLine(c.lastMessage.body), 40)}` : '(no messages)';
    return `${names[i]!.padEnd(width)}  ${unread.padEnd(9)}  ${last}  (id ${c.id})`;
  });
}

export function deviceRows(list: Device[]): string[] {
  const width = Math.max(...list.map((d) => d.name.length));
  return list.map((d) => `${d.current ? '*' : ' '} ${d.id}  ${d.name.padEnd(width)}  last seen ${formatTime(d.lastSeenAt)}${d.current ? '  (this device)' : ''}`);
}

export function userRows(list: User[]): string[] {
  return list.map((u) => u.name);
}

function truncate(s: string, max: number): string {
  const chars = Array.from(s);
  return chars.length <= max ? s : chars.slice(0, max - 1).join('') + '…';
}
