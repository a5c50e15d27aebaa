// Signing up and in from the sign-in screen: the same checks and calls as
// `chat register` + `chat login`, and the session stored the same way.
import { rethrowAs } from '../api-errors.js';
import { defaultDeviceName } from '../commands/login.js';
import type { Context } from '../context.js';
import { CliError } from '../errors.js';
import type { StoredSession } from '../session-file.js';
import type { AuthForm } from './state.js';

const NAME = new RegExp(`^[A-Za-z0-9_.-]{${Limits.nameMin},${Limits.nameMax}}$`);
import { Limits } from '../../sdk/index.js';

/** What is wrong with the form before asking the server, if anything. */
export function authProblem(auth: Pick<AuthForm, 'mode' | 'values'>): string | undefined {
  const v = (key: string) => auth.values[key] ?? '';
  if (auth.mode === 'signin') {
    if (v('login').trim() === '') return 'type your name or email';
    if (v('password') === '') return 'type your password';
    return undefined;
  }
  if (!NAME.test(v('name').trim())) return `a name is ${Limits.nameMin}-${Limits.nameMax} characters of A-Z a-z 0-9 _ . -`;
  if (!/^\S+@\S+\.\S+$/.test(v('email').trim())) return 'type a valid email';
  const length = Array.from(v('password')).length;
  if (length < Limits.passwordMin || length > Limits.passwordMax) return `the password must be ${Limits.passwordMin}-${Limits.passwordMax} characters`;
  if (v('password') !== v('confirm')) return 'the passwords do not match';
  return undefined;
}

/**
 * Registers (sign up) and signs in as a new device named after the host, and
 * stores the session for this server, replacing (and signing out) any other.
 */
export async function authenticate(ctx: Context, auth: Pick<AuthForm, 'mode' | 'values'>, now: () => number = Date.now): Promise<StoredSession> {
  const problem = authProblem(auth);
  if (problem) throw new CliError(problem, 'invalid_input');
  const v = (key: string) => auth.values[key] ?? '';
  const client = ctx.client();
  const name = v('name').trim();
  if (auth.mode === 'signup') {
    await client
      .register({ name, email: v('email').trim(), password: v('password') })
      .catch((err) => rethrowAs(err, 'name_taken', `the name ${name} is taken`))
      .catch((err) => rethrowAs(err, 'email_taken', `the email ${v('email').trim()} is already registered`));
  }
  const answer = await client
    .login({ login: auth.mode === 'signup' ? name : v('login').trim(), password: v('password'), deviceName: defaultDeviceName() })
    .catch((err) => rethrowAs(err, 'invalid_credentials', 'wrong name, email or password'));
  const session: StoredSession = {
    token: answer.token,
    user: { id: answer.user.id, name: answer.user.name },
    device: { id: answer.device.id, name: answer.device.name },
    signedInAt: new Date(now()).toISOString(),
  };
  const previous = ctx.sessions.get(ctx.server);
  ctx.sessions.set(ctx.server, session);
  // A replaced session's token would otherwise stay valid with nobody holding it.
  if (previous && previous.token !== session.token) void ctx.client(previous.token).logout().catch(() => undefined);
  return session;
}
