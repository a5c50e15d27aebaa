import { str, type Command } from '../command.js';
import { intOption } from '../args.js';
import { UsageError } from '../errors.js';
import { conversationName, messageLine } from '../format.js';
import { markRead, resolveConversation } from '../resolve.js';
import { Limits } from '../../sdk/index.js';

export const history: Command = {
  name: 'history',
  summary: 'print a conversation',
  usage: ['history USER_OR_CONVERSATION [--limit N]'],
  description: [
    'USER_OR_CONVERSATION is a user (your direct conversation with them), a group',
    "title, or a conversation id (see `chat conversations`). Prints the latest",
    'messages, oldest first, and marks the conversation read.',
  ].join('\n'),
  options: { limit: { type: 'string', value: 'N', help: `how many of the latest messages (1-${Limits.historyPageMax}, default ${Limits.historyPageDefault})` } },
  async run(ctx, args, options) {
    if (args.length !== 1) throw new UsageError(args.length < 1 ? 'history needs a USER_OR_CONVERSATION' : 'too many arguments', 'history');
    const limit = intOption(str(options, 'limit'), 'limit', 1, Limits.historyPageMax, 'history');
    const { session, client } = ctx.signedIn();
    const found = await resolveConversation(client, session.user, args[0]!);
    if (!found.conversation) {
      ctx.out.result({ conversation: null, messages: [], hasMore: false }, `no messages with ${found.user.name} yet`);
      return;
    }
    const { conversation } = found;
    const page = await client.history(conversation.id, { limit });
    const newest = page.messages.at(-1);
    if (newest) await markRead(client, conversation, newest.id);

    const title = conversation.kind === 'group' ? `#${conversationName(conversation, session.user)}` : conversationName(conversation, session.user);
    const lines = [
      `${title} (id ${conversation.id})${page.hasMore ? ' - older messages not shown; raise --limit' : ''}`,
      ...(page.messages.length ? page.messages.map(messageLine) : ['(no messages)']),
    ];
    ctx.out.result({ conversation, messages: page.messages, hasMore: page.hasMore }, lines);
  },
};
