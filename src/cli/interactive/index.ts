// The interactive terminal chat (`chat` with no arguments on a terminal, and
// `chat open USER_OR_CONVERSATION`). Not built yet: this is the hook main.ts calls.
import type { Context } from '../context.js';

export interface InteractiveOptions {
  /** Server, output, session file, terminal and SDK clients, as every command gets them. */
  ctx: Context;
  /** `chat open`'s argument: the conversation to open first. */
  open?: string;
}

/** Runs the interactive chat until the person quits; resolves with the exit code. */
export async function runInteractive(options: InteractiveOptions): Promise<number> {
  options.ctx.out.note('chat: interactive mode is not available yet');
  return 1;
}
