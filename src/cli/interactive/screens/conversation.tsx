// One conversation: history (older pages on PageUp), live messages, who is
// typing, and the line being typed.
import { Box, Text } from 'ink';
import { useLayoutEffect } from 'react';
import type { Viewport } from '../controller.js';
import { messageRows, seenMark, tail, visible } from '../layout.js';
import { typingLine, type State } from '../state.js';

export function ConversationScreen({ state, width, height, viewport }: { state: State; width: number; height: number; viewport: Viewport }) {
  const open = state.open!;
  const members = state.conversations.find((c) => c.id === open.id)?.members ?? [];
  const seen = open.id ? seenMark(open.shown, state.readUpTo[open.id], state.me, members, open.kind === 'group') : undefined;
  const rows = messageRows(open.shown, width, state.me, new Date(), seen);
  // Title, typing line, rule and input take four rows; the rest show messages.
  const messagesHeight = Math.max(1, height - 4);
  useLayoutEffect(() => {
    viewport.height = messagesHeight;
    viewport.lines = rows.length;
  });
  const scroll = Math.min(open.scroll, Math.max(0, rows.length - messagesHeight));
  const shown = visible(rows, messagesHeight, scroll);
  const online = open.peer && open.peer.id !== state.me?.id ? state.online[open.peer.id] : undefined;
  const above = rows.length - shown.length - scroll;
  const older = open.loading === 'older' ? 'loading older messages…' : open.loading === 'first' ? 'loading…' : above > 0 || open.hasMore ? 'PgUp: older messages' : open.shown.length ? 'start of the conversation' : '';
  const typing = typingLine(state, open.id);
  return (
    <Box flexDirection="column" height={height}>
      <Box width={width} justifyContent="space-between">
        <Text bold wrap="truncate-end">
          {' '}
          {open.kind === 'group' ? `#${open.title}` : open.title}
          {online ? <Text color="green"> ● online</Text> : ''}
          {open.id === null ? <Text color="gray"> (new conversation: your first message starts it)</Text> : ''}
        </Text>
        <Box flexShrink={0}>
          <Text color="gray">{older}</Text>
        </Box>
      </Box>
      <Box flexDirection="column" height={messagesHeight} justifyContent="flex-end">
        {shown.map((r) => (
          <Text key={r.key} wrap="truncate-end">
            {r.head ? (
              <>
                <Text color="gray">{r.head.time} </Text>
                <Text bold color={r.head.mine ? 'green' : 'cyan'}>{r.head.name}</Text>:{' '}
              </>
            ) : (
              ''
            )}
            {r.text}
            {r.note ? <Text color={r.note.color}>{r.note.text}</Text> : ''}
          </Text>
        ))}
      </Box>
      <Text color="magenta" wrap="truncate-end">
        {typing ?? (scroll > 0 ? '' : ' ')}
        {scroll > 0 ? <Text color="yellow">{typing ? '  ' : ''}↓ {scroll} more rows below (PgDn)</Text> : ''}
      </Text>
      <Text color="gray">{'─'.repeat(Math.max(1, width))}</Text>
      <Text wrap="truncate-end">
        <Text color="cyan">{'> '}</Text>
        {tail(open.draft, width - 4)}
        <Text inverse> </Text>
      </Text>
    </Box>
  );
}
