// What every screen has around it: the status bar on top, a notice and the key hints below.
import { Box, Text } from 'ink';
import type { Notice, State } from '../state.js';

const CONNECTION: Record<State['connection'], { text: string; color: string }> = {
  online: { text: '● online', color: 'green' },
  connecting: { text: '◌ connecting…', color: 'yellow' },
  reconnecting: { text: '◌ reconnecting…', color: 'yellow' },
  offline: { text: '○ offline', color: 'red' },
};

export function StatusBar({ state, width }: { state: State; width: number }) {
  const connection = state.me ? CONNECTION[state.connection] : { text: '○ not signed in', color: 'gray' };
  const retry = state.me && state.connection === 'reconnecting' && state.retryInMs !== undefined ? ` (retry in ${(state.retryInMs / 1000).toFixed(1)} s)` : '';
  const who = state.me ? ` · ${state.me.name}` : '';
  return (
    <Box width={width} justifyContent="space-between">
      <Text wrap="truncate-end">
        <Text bold color="cyan">chat</Text>
        {who} · {state.server}
      </Text>
      <Box flexShrink={0} marginLeft={1}>
        <Text color={connection.color}>{connection.text + retry}</Text>
      </Box>
    </Box>
  );
}

export function NoticeLine({ notice }: { notice: Notice | null }) {
  if (!notice) return <Text> </Text>;
  return (
    <Text wrap="truncate-end" color={notice.kind === 'error' ? 'red' : 'green'}>
      {notice.kind === 'error' ? '! ' : ''}
      {notice.text}
    </Text>
  );
}

export function Hints({ hints }: { hints: [string, string][] }) {
  return (
    <Text wrap="truncate-end">
      {hints.map(([key, what], i) => (
        <Text key={key}>
          {i > 0 ? '  ' : ''}
          <Text inverse> {key} </Text> {what}
        </Text>
      ))}
    </Text>
  );
}
