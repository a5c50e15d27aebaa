// The conversations, most recent activity first, with unread counts.
import { Box, Text } from 'ink';
import type { Conversation } from '../../../sdk/index.js';
import { conversationName, formatTime } from '../../format.js';
import { cut, YOU } from '../layout.js';
import { typingLine, type State } from '../state.js';

export function ListScreen({ state, width, height }: { state: State; width: number; height: number }) {
  const me = state.me!;
  const list = state.conversations;
  if (!state.conversationsLoaded) return <Text color="gray"> loading conversations…</Text>;
  if (list.length === 0) {
    return (
      <Box flexDirection="column" paddingX={1}>
        <Text bold>Conversations</Text>
        <Text> </Text>
        <Text>No conversations yet. Press Ctrl+N to start one with a user.</Text>
      </Box>
    );
  }
  const rowsHeight = Math.max(1, height - 1);
  const at = Math.max(0, list.findIndex((c) => c.id === state.selected));
  const first = Math.min(Math.max(0, at - rowsHeight + 1), Math.max(0, list.length - rowsHeight));
  const shown = list.slice(first, first + rowsHeight);
  const nameWidth = Math.min(24, Math.max(...list.map((c) => label(c, me).length)) + 2);
  // Every column has its own width and every text is cut to it here, so no row can
  // push another column out of line (a flex row would shrink the markers instead).
  const unreadWidth = Math.max(0, ...list.map((c) => (c.unread > 0 ? unreadLabel(c.unread).length + 2 : 0)));
  const previewWidth = Math.max(1, width - MARKERS - nameWidth - unreadWidth);
  const unreadTotal = list.reduce((n, c) => n + c.unread, 0);
  return (
    <Box flexDirection="column">
      <Text bold>
        {' '}Conversations ({list.length}){unreadTotal ? <Text color="yellow"> · {unreadTotal} unread</Text> : ''}
      </Text>
      {shown.map((c) => {
        const selected = c.id === state.selected;
        const typing = typingLine(state, c.id);
        const peer = c.kind === 'direct' ? c.members.find((m) => m.id !== me.id) : undefined;
        const online = peer ? state.online[peer.id] : undefined;
        const last = c.lastMessage;
        const preview = typing ?? (last ? `${formatTime(last.createdAt)} ${last.sender.id === me.id ? YOU : last.sender.name}: ${last.body.replace(/\s+/g, ' ')}` : '(no messages)');
        return (
          <Box key={c.id} width={width}>
            <Text color="cyan">{selected ? '› ' : '  '}</Text>
            <Text color="green">{online ? '● ' : '  '}</Text>
            <Text bold={c.unread > 0 || selected} inverse={selected}>{cut(label(c, me), nameWidth - 1)}</Text>
            <Text>{' '.repeat(Math.max(0, nameWidth - Array.from(cut(label(c, me), nameWidth - 1)).length))}</Text>
            <Text color="yellow">{(c.unread > 0 ? unreadLabel(c.unread) : '').padEnd(unreadWidth)}</Text>
            <Text color={typing ? 'magenta' : 'gray'}>{cut(preview, previewWidth)}</Text>
          </Box>
        );
      })}
    </Box>
  );
}

/** The selection and online markers before the name: two columns each. */
const MARKERS = 4;

const unreadLabel = (n: number) => `${n} unread`;

function label(c: Conversation, me: { id: string; name: string }): string {
  return c.kind === 'group' ? `#${conversationName(c, me)}` : conversationName(c, me);
}
