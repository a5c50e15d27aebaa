import { ChatApiError } from '../../sdk/index.js';
import type { Command } from '../command.js';
import { UsageError } from '../errors.js';

export const logout: Command = {
  name: 'logout',
  summary: 'sign this device out',
  usage: ['logout'],
  description: 'Ends the session on the server and forgets the token.',
  async run(ctx, args) {
    if (args.length) throw new UsageError('logout takes no arguments', 'logout');
    const { session, client } = ctx.signedIn();
    let already = false;
    try {
      await client.logout();
    } catch (err) {
      // Revoked elsewhere: the device is signed out already, which is what was asked.
      if (!(err instanceof ChatApiError && err.status === 401)) throw err;
      already = true;
    }
    ctx.sessions.delete(ctx.server, session.token);
    ctx.out.result(
      { server: ctx.server, signedOut: true, user: session.user, device: session.device },
      `signed out of ${ctx.server} (${session.user.name}, device "${session.device.name}")${already ? '; the session had already ended' : ''}`,
    );
  },
};
