// The whole screen: status bar, the current screen, a notice line and the key
// hints, sized to the terminal and redrawn when it is resized.
import { Box, useInput, useStdin } from 'ink';
import { useEffect, useSyncExternalStore } from 'react';
import type { Controller } from './controller.js';
import { fromInk, hintsFor, intentFor, isF2 } from './keys.js';
import { AuthScreen } from './screens/auth.js';
import { Hints, NoticeLine, StatusBar } from './screens/chrome.js';
import { ConversationScreen } from './screens/conversation.js';
import { FeedScreen } from './screens/feed.js';
import { ListScreen } from './screens/list.js';
import { MenuScreen } from './screens/menu.js';
import { NewConversationScreen } from './screens/new-conversation.js';
import { NewGroupScreen } from './screens/new-group.js';
import type { State } from './state.js';
import type { Store } from './store.js';
import { useTerminalSize } from './use-terminal-size.js';

export function App({ store, controller }: { store: Store; controller: Controller }) {
  const state = useSyncExternalStore(store.subscribe, store.getState);
  const { columns, rows } = useTerminalSize();
  const { internal_eventEmitter: rawInput } = useStdin();

  useInput((input, key) => {
    for (const press of fromInk(input, key)) {
      const intent = intentFor(store.getState(), press);
      if (intent) controller.run(intent);
    }
  });
  // Ink has no name for F2, so it is read from the raw input.
  useEffect(() => {
    if (!rawInput) return;
    const onRaw = (raw: string) => {
      if (isF2(raw)) controller.run({ do: 'menu' });
    };
    rawInput.on('input', onRaw);
    return () => {
      rawInput.off('input', onRaw);
    };
  }, [rawInput, controller]);

  // One row short of the terminal, so drawing never scrolls it.
  const height = Math.max(6, rows - 1);
  const bodyHeight = height - 3;
  return (
    <Box flexDirection="column" width={columns} height={height}>
      <StatusBar state={state} width={columns} />
      <Box flexDirection="column" height={bodyHeight} overflow="hidden">
        <Screen state={state} width={columns} height={bodyHeight} controller={controller} />
      </Box>
      <NoticeLine notice={state.notice} />
      <Hints hints={hintsFor(state)} />
    </Box>
  );
}

function Screen({ state, width, height, controller }: { state: State; width: number; height: number; controller: Controller }) {
  switch (state.screen) {
    case 'auth':
      return <AuthScreen state={state} width={width} />;
    case 'list':
      return <ListScreen state={state} width={width} height={height} />;
    case 'conversation':
      return state.open ? <ConversationScreen state={state} width={width} height={height} viewport={controller.viewport} /> : null;
    case 'new':
      return <NewConversationScreen state={state} height={height} />;
    case 'group':
      return <NewGroupScreen state={state} />;
    case 'menu':
      return <MenuScreen state={state} />;
    case 'feed':
      return state.feed ? <FeedScreen state={state} height={height} viewport={controller.viewport} /> : null;
  }
}
