import type { Command } from '../command.js';
import { UsageError } from '../errors.js';
import { conversationRows } from '../format.js';

export const conversations: Command = {
  name: 'conversations',
  summary: 'list conversations with unread counts',
  usage: ['conversations'],
  description: 'Most recent activity first; groups are shown as #title. Each row ends with the conversation id.',
  async run(ctx, args) {
    if (args.length) throw new UsageError('conversations takes no arguments', 'conversations');
    const { session, client } = ctx.signedIn();
    const list = await client.conversations();
    ctx.out.result({ conversations: list }, list.length ? conversationRows(list, session.user) : 'no conversations yet');
  },
};
