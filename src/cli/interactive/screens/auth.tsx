// Sign in, or sign up (then signed in): one field per line, passwords masked.
import { Box, Text } from 'ink';
import { AUTH_FIELDS, type State } from '../state.js';

export function AuthScreen({ state, width }: { state: State; width: number }) {
  const { mode, values, focus, busy } = state.auth;
  const fields = AUTH_FIELDS[mode];
  const labelWidth = Math.max(...fields.map((f) => f.label.length)) + 4;
  return (
    <Box flexDirection="column" paddingX={1}>
      <Text bold>{mode === 'signin' ? `Sign in to ${state.server}` : `Create an account on ${state.server}`}</Text>
      <Text color="gray">
        {mode === 'signin' ? 'No account yet? Ctrl+R switches to sign up.' : 'Have an account? Ctrl+R switches to sign in.'}
      </Text>
      <Text> </Text>
      {fields.map((f, i) => {
        const value = values[f.key] ?? '';
        const shown = f.secret ? '*'.repeat(Array.from(value).length) : value;
        const focused = i === focus;
        return (
          <Box key={f.key} width={width - 2}>
            <Box width={labelWidth} flexShrink={0}>
              <Text color={focused ? 'cyan' : undefined} bold={focused}>
                {focused ? '› ' : '  '}
                {f.label}
              </Text>
            </Box>
            <Text wrap="truncate-start">
              {shown}
              {focused ? <Text inverse> </Text> : ''}
            </Text>
          </Box>
        );
      })}
      <Text> </Text>
      <Text color="gray">{busy ? (mode === 'signin' ? 'signing in…' : 'creating the account…') : mode === 'signin' ? 'Enter on the last field signs in.' : 'Enter on the last field creates the account and signs in.'}</Text>
    </Box>
  );
}
