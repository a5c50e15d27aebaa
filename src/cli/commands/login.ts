import { hostname } from 'node:os';
import { rethrowAs } from '../api-errors.js';
import { PASSWORD_STDIN, str, type Command } from '../command.js';
import { UsageError } from '../errors.js';
import { readPassword } from '../prompt.js';
import { Limits } from '../../sdk/index.js';

const DEVICE_NAME_MAX = Limits.deviceNameMax;

/** The host name, cut to what the server accepts. */
export function defaultDeviceName(): string {
  return Array.from(hostname() || 'chat').slice(0, DEVICE_NAME_MAX).join('');
}

export const login: Command = {
  name: 'login',
  summary: 'sign in (a new device of the account)',
  usage: ['login NAME_OR_EMAIL [--device NAME] [--password-stdin]'],
  description: [
    'Keeps the token in session.json (mode 0600), one session per server. Signing',
    'in again on the same server replaces that session and signs the old device out.',
  ].join('\n'),
  options: {
    device: { type: 'string', value: 'NAME', help: 'the name of this device (default: the host name)' },
    'password-stdin': PASSWORD_STDIN,
  },
  async run(ctx, args, options) {
    if (args.length !== 1) throw new UsageError(args.length < 1 ? 'login needs a NAME_OR_EMAIL' : 'too many arguments', 'login');
    const deviceName = str(options, 'device') ?? defaultDeviceName();
    if (deviceName === '' || Array.from(deviceName).length > DEVICE_NAME_MAX) throw new UsageError(`--device must be 1-${DEVICE_NAME_MAX} characters`, 'login');
    const password = await readPassword(ctx.io, { passwordStdin: options['password-stdin'] === true, command: 'login' });

    const answer = await ctx
      .client()
      .login({ login: args[0]!, password, deviceName })
      .catch((err) => rethrowAs(err, 'invalid_credentials', 'wrong name, email or password'));
    const previous = ctx.sessions.get(ctx.server);
    ctx.sessions.set(ctx.server, {
      token: answer.token,
      user: { id: answer.user.id, name: answer.user.name },
      device: { id: answer.device.id, name: answer.device.name },
      signedInAt: new Date().toISOString(),
    });
    if (previous) {
      // Its token would otherwise stay valid with nobody holding it.
      const ended = await ctx.client(previous.token).logout().then(() => true, () => false);
      if (ended) ctx.out.note(`signed out the previous session (${previous.user.name}, device "${previous.device.name}")`);
    }
    ctx.out.result(
      { server: ctx.server, user: answer.user, device: answer.device },
      `signed in to ${ctx.server} as ${answer.user.name} (device "${answer.device.name}")`,
    );
  },
};
