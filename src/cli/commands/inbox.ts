import { ChatApiError, Limits, type ChatClient, type Message, type SyncAnswer } from '../../sdk/index.js';
import type { Command } from '../command.js';
import { UsageError } from '../errors.js';
import { feedLine } from '../format.js';
import { markRead } from '../resolve.js';

const PAGE = Limits.syncPageMax;

export const inbox: Command = {
  name: 'inbox',
  summary: 'print the messages received since the last inbox',
  usage: ['inbox'],
  description: [
    "Shows other people's messages (not your own) that arrived after the previous",
    '`chat inbox` on this server, or everything still retained the first time;',
    'then remembers where it stopped and marks the shown messages read.',
  ].join('\n'),
  async run(ctx, args) {
    if (args.length) throw new UsageError('inbox takes no arguments', 'inbox');
    const { session, client } = ctx.signedIn();
    let since = session.inboxCursor;
    const messages: Message[] = [];
    for (;;) {
      let page: SyncAnswer;
      try {
        page = await client.sync({ since, limit: PAGE });
      } catch (err) {
        if (since && since === session.inboxCursor && isBadCursor(err)) {
          ctx.out.note('the saved inbox position is unknown to this server (was it reset?); showing everything retained');
          since = undefined;
          continue;
        }
        throw err;
      }
      for (const e of page.events) if (e.type === 'message' && e.message.sender.id !== session.user.id) messages.push(e.message);
      since = page.cursor;
      if (!page.hasMore) break;
    }

    const conversations = messages.length ? await client.conversations() : [];
    await markShownRead(client, messages, conversations);
    ctx.sessions.update(ctx.server, session.token, { inboxCursor: since });

    const byId = new Map(conversations.map((c) => [c.id, c]));
    ctx.out.result(
      { messages, cursor: since },
      messages.length ? messages.map((m) => feedLine(m, byId.get(m.conversationId), session.user)) : 'no new messages',
    );
  },
};

function isBadCursor(err: unknown): boolean {
  return err instanceof ChatApiError && err.code === 'invalid_request' && (err.details ?? []).some((d) => d.field === 'since');
}

async function markShownRead(client: ChatClient, messages: Message[], conversations: Awaited<ReturnType<ChatClient['conversations']>>): Promise<void> {
  const last = new Map<string, Message>();
  for (const m of messages) last.set(m.conversationId, m);
  await Promise.all([...last.values()].map((m) => markRead(client, conversations.find((c) => c.id === m.conversationId), m.id)));
}
