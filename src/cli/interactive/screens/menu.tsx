// F2 (or ? on the list): every action by number, the seed's six first.
import { Box, Text } from 'ink';
import { MENU } from '../menu.js';
import type { State } from '../state.js';

export function MenuScreen({ state }: { state: State }) {
  return (
    <Box flexDirection="column" paddingX={1}>
      <Text bold>Menu</Text>
      <Text color="gray">Items 1-6 are the original client's menu: register, log in, send, receive, list sent, list received.</Text>
      <Text> </Text>
      {MENU.map((item, i) => {
        const selected = i === state.menu.selected;
        const unavailable = item.needsSession && !state.me;
        return (
          <Text key={item.action} wrap="truncate-end" inverse={selected} dimColor={unavailable}>
            {selected ? '› ' : '  '}
            {i + 1}. <Text bold>{item.label}</Text> <Text color={selected ? undefined : 'gray'}>- {item.detail}{unavailable ? ' (sign in first)' : ''}</Text>
          </Text>
        );
      })}
    </Box>
  );
}
