// The interactive terminal chat (`chat` with no arguments on a terminal, and
// `chat open USER_OR_CONVERSATION`). Checks the stored session first, so a
// server that is down or a typo in `chat open` fails like any command (one
// line, exit 1) before the screen is taken over; then loads the UI (React and
// Ink only load here, so the other commands stay quick to start).
import { toCliError } from '../api-errors.js';
import type { Context } from '../context.js';
import { resolveConversation, type Resolved } from '../resolve.js';
import type { Notice } from './state.js';

export interface InteractiveOptions {
  /** Server, output, session file, terminal and SDK clients, as every command gets them. */
  ctx: Context;
  /** `chat open`'s argument: the conversation to open first. */
  open?: string;
}

/** Runs the interactive chat until the person quits; resolves with the exit code. */
export async function runInteractive(options: InteractiveOptions): Promise<number> {
  const { ctx, open } = options;
  let session = ctx.sessions.get(ctx.server);
  let target: Resolved | string | undefined = open;
  let notice: Notice | undefined;
  if (session) {
    const { client } = ctx.signedIn();
    try {
      const { user } = await client.me();
      session = { ...session, user: { id: user.id, name: user.name } };
      if (open !== undefined) target = await resolveConversation(client, session.user, open);
    } catch (err) {
      const error = toCliError(err, { server: ctx.server, onSignedOut: () => ctx.forgetUsedSession() });
      if (error.code !== 'signed_out') throw error;
      session = undefined;
      notice = { kind: 'error', text: `the session on ${ctx.server} has ended (signed out or revoked elsewhere); sign in again` };
    }
  }
  // Ink draws only a final frame when it thinks it runs in CI (CI=true); a person at
  // a terminal is what this mode needs, so that guess is turned off before Ink loads.
  delete process.env.CI;
  delete process.env.CONTINUOUS_INTEGRATION;
  const { runApp } = await import('./run.js');
  return runApp(ctx, { session, target, notice });
}
