// Puts the terminal into the chat (alternate screen, raw keys), runs it until
// Ctrl+C or a signal, and always gives the terminal back as it was.
import { render } from 'ink';
import type { Context } from '../context.js';
import type { Resolved } from '../resolve.js';
import type { StoredSession } from '../session-file.js';
import { App } from './app.js';
import { Controller } from './controller.js';
import { initialState, type Notice } from './state.js';
import { Store } from './store.js';

const ALTERNATE_SCREEN_ON = '\u001b[?1049h\u001b[H';
const ALTERNATE_SCREEN_OFF = '\u001b[?1049l';

export interface Startup {
  session: StoredSession | undefined;
  /** What to open first: resolved already when signed in, else the name to resolve after signing in. */
  target?: Resolved | string;
  notice?: Notice;
}

export async function runApp(ctx: Context, startup: Startup): Promise<number> {
  const store = new Store({ ...initialState(ctx.server, startup.session?.user ?? null), notice: startup.notice ?? null });
  let quit = () => undefined as void;
  const controller = new Controller(ctx, store, { quit: () => quit() });

  // Raw mode before anything is drawn: a Ctrl+C pressed as the first frame appears
  // is then a key the app quits on, not a SIGINT that arrives before any handler
  // (Ink itself only turns raw mode on in an effect after its first render).
  setRawMode(true);
  process.stdout.write(ALTERNATE_SCREEN_ON);
  const instance = render(<App store={store} controller={controller} />, { exitOnCtrlC: false, patchConsole: true });
  quit = () => instance.unmount();
  const onSignal = () => quit();
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  process.on('SIGHUP', onSignal);
  try {
    controller.start(startup.session, startup.target);
    await instance.waitUntilExit();
    return 0;
  } finally {
    controller.stop();
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    process.off('SIGHUP', onSignal);
    setRawMode(false);
    process.stdout.write(ALTERNATE_SCREEN_OFF);
  }
}

function setRawMode(raw: boolean): void {
  if (process.stdin.isTTY) process.stdin.setRawMode(raw);
}
