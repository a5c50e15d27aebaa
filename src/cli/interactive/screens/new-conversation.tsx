// Ctrl+N: find a user by name and start (or reopen) the direct conversation with them.
import { Box, Text } from 'ink';
import type { State } from '../state.js';

export function NewConversationScreen({ state, height }: { state: State; height: number }) {
  const { query, results, selected, searching } = state.search;
  const max = Math.max(1, height - 5);
  return (
    <Box flexDirection="column" paddingX={1}>
      <Text bold>Start a conversation</Text>
      <Text> </Text>
      <Text>
        <Text color="cyan">User name: </Text>
        {query}
        <Text inverse> </Text>
      </Text>
      <Text color="gray">{query.trim() === '' ? 'Type part of a name.' : searching ? 'searching…' : results.length ? 'Enter starts a conversation with the selected user.' : `no user matches "${query.trim()}"`}</Text>
      {results.slice(0, max).map((u, i) => (
        <Text key={u.id} inverse={i === selected} color={i === selected ? 'cyan' : undefined}>
          {i === selected ? '› ' : '  '}
          {u.name}
        </Text>
      ))}
    </Box>
  );
}
