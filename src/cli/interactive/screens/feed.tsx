// The "sent" and "received" views (the seed's list sent / list received): the
// latest messages of every conversation, kept live by the stream.
import { Box, Text } from 'ink';
import { useLayoutEffect } from 'react';
import type { Viewport } from '../controller.js';
import { feedRows, visible } from '../layout.js';
import type { State } from '../state.js';

export function FeedScreen({ state, height, viewport }: { state: State; height: number; viewport: Viewport }) {
  const feed = state.feed!;
  const rows = feedRows(feed.messages, state.conversations, state.me!);
  const rowsHeight = Math.max(1, height - 1);
  useLayoutEffect(() => {
    viewport.height = rowsHeight;
    viewport.lines = rows.length;
  });
  const shown = visible(rows, rowsHeight, Math.min(feed.scroll, Math.max(0, rows.length - rowsHeight)));
  const title = feed.kind === 'sent' ? 'Sent messages' : 'Received messages';
  return (
    <Box flexDirection="column" height={height}>
      <Text bold>
        {' '}
        {title} {feed.loading ? <Text color="gray">loading…</Text> : <Text color="gray">({feed.messages.length}, newest last)</Text>}
      </Text>
      <Box flexDirection="column" height={rowsHeight} justifyContent="flex-end">
        {!feed.loading && rows.length === 0 ? <Text color="gray"> {feed.kind === 'sent' ? 'You have not sent anything yet.' : 'Nothing received yet.'}</Text> : ''}
        {shown.map((r) => (
          <Text key={r.key} wrap="truncate-end">
            {r.text}
          </Text>
        ))}
      </Box>
    </Box>
  );
}
