import { rethrowAs } from '../api-errors.js';
import { str, type Command } from '../command.js';
import { UsageError } from '../errors.js';
import { formatTime } from '../format.js';

export const send: Command = {
  name: 'send',
  summary: 'send a message to a user (or with --group, to a conversation)',
  usage: ['send USER MESSAGE…', 'send --group ID MESSAGE…'],
  description: [
    "The words of MESSAGE are joined with spaces; quote it to keep your shell's",
    'hands off it, and put `--` before a message that starts with `-`.',
    "A conversation's ID is shown by `chat conversations`.",
  ].join('\n'),
  options: { group: { type: 'string', value: 'ID', help: 'send to this conversation (a group) instead of a user' } },
  async run(ctx, args, options) {
    const group = str(options, 'group');
    const to = group === undefined ? args[0] : undefined;
    const words = group === undefined ? args.slice(1) : args;
    if (group === undefined && to === undefined) throw new UsageError('send needs a USER and a MESSAGE', 'send');
    const body = words.join(' ');
    if (body.trim() === '') throw new UsageError('the message is empty', 'send');

    const { client } = ctx.signedIn();
    const message = await client
      .send(group !== undefined ? { conversationId: group, body } : { to: to!, body })
      .catch((err) => rethrowAs(err, 'user_not_found', `unknown user: ${to}`))
      .catch((err) => rethrowAs(err, 'conversation_not_found', `unknown conversation: ${group}`))
      .catch((err) => rethrowAs(err, 'not_a_member', `you are not a member of conversation ${group}`))
      .catch((err) => rethrowAs(err, 'payload_too_large', 'the message is too long (at most 4096 characters)'));
    const { created: _created, ...plain } = message;
    ctx.out.result({ message: plain }, `sent to ${to ?? `conversation ${group}`} at ${formatTime(message.createdAt)}`);
  },
};
