// Ctrl+G: a new group, by its title and the names of its members (you are one anyway).
import { Box, Text } from 'ink';
import type { State } from '../state.js';

export function NewGroupScreen({ state }: { state: State }) {
  const { title, members, focus, busy } = state.group;
  const field = (label: string, value: string, at: 0 | 1) => (
    <Text>
      <Text color={focus === at ? 'cyan' : 'gray'}>{focus === at ? '› ' : '  '}{label}</Text>
      {value}
      {focus === at ? <Text inverse> </Text> : ''}
    </Text>
  );
  return (
    <Box flexDirection="column" paddingX={1}>
      <Text bold>New group</Text>
      <Text> </Text>
      {field('Title:   ', title, 0)}
      {field('Members: ', members, 1)}
      <Text> </Text>
      <Text color="gray">{busy ? 'creating…' : 'Members are user names, separated by spaces or commas; you are a member too.'}</Text>
    </Box>
  );
}
