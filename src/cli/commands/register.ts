import { rethrowAs } from '../api-errors.js';
import { PASSWORD_STDIN, type Command } from '../command.js';
import { CliError, UsageError } from '../errors.js';
import { readPassword } from '../prompt.js';
import { Limits } from '../../sdk/index.js';

export const register: Command = {
  name: 'register',
  summary: 'create an account',
  usage: ['register NAME EMAIL [--password-stdin]'],
  description: [
    `NAME is ${Limits.nameMin}-${Limits.nameMax} characters of A-Z a-z 0-9 _ . - ; the password ${Limits.passwordMin}-${Limits.passwordMax} characters.`,
    'On a terminal the password is asked for twice, with echo off. Registering',
    'does not sign in: run `chat login NAME` next.',
  ].join('\n'),
  options: { 'password-stdin': PASSWORD_STDIN },
  async run(ctx, args, options) {
    if (args.length !== 2) throw new UsageError(args.length < 2 ? 'register needs a NAME and an EMAIL' : 'too many arguments', 'register');
    const [name, email] = args as [string, string];
    const password = await readPassword(ctx.io, { passwordStdin: options['password-stdin'] === true, confirm: true, command: 'register' });
    const length = Array.from(password).length;
    if (length < Limits.passwordMin || length > Limits.passwordMax) throw new CliError(`the password must be ${Limits.passwordMin}-${Limits.passwordMax} characters`, 'invalid_password');
    const user = await ctx
      .client()
      .register({ name, email, password })
      .catch((err) => rethrowAs(err, 'name_taken', `the name ${name} is taken`))
      .catch((err) => rethrowAs(err, 'email_taken', `the email ${email} is already registered`));
    ctx.out.result({ user }, `registered ${user.name} on ${ctx.server}; sign in with: chat login ${user.name}`);
  },
};
