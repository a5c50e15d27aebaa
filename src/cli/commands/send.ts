import { rethrowAs } from '../api-errors.js';
import { str, type Command } from '../command.js';
import { UsageError } from '../errors.js';
import { formatTime } from '../format.js';
import { resolveGroup } from '../resolve.js';
import { Limits } from '../../sdk/index.js';

export const send: Command = {
  name: 'send',
  summary: 'send a message to a user (or with --group, to a group)',
  usage: ['send USER MESSAGE…', 'send --group GROUP MESSAGE…'],
  description: [
    "The words of MESSAGE are joined with spaces; quote it to keep your shell's",
    'hands off it, and put `--` before a message that starts with `-`.',
    "GROUP is a group's title (when only one of your groups has it) or its id,",
    'as `chat conversations` shows them.',
  ].join('\n'),
  options: { group: { type: 'string', value: 'GROUP', help: 'send to this group (a title or an id) instead of a user' } },
  async run(ctx, args, options) {
    const group = str(options, 'group');
    const to = group === undefined ? args[0] : undefined;
    const words = group === undefined ? args.slice(1) : args;
    if (group === undefined && to === undefined) throw new UsageError('send needs a USER and a MESSAGE', 'send');
    const body = words.join(' ');
    if (body.trim() === '') throw new UsageError('the message is empty', 'send');

    const { client } = ctx.signedIn();
    const conversation = group === undefined ? undefined : await resolveGroup(client, group);
    const message = await client
      .send(conversation ? { conversationId: conversation.id, body } : { to: to!, body })
      .catch((err) => rethrowAs(err, 'user_not_found', `unknown user: ${to}`))
      .catch((err) => rethrowAs(err, 'not_a_member', `you are not a member of ${group}`))
      .catch((err) => rethrowAs(err, 'payload_too_large', `the message is too long (at most ${Limits.bodyMax} characters)`));
    const { created: _created, ...plain } = message;
    ctx.out.result({ message: plain }, `sent to ${conversation ? `#${conversation.title}` : to} at ${formatTime(message.createdAt)}`);
  },
};
