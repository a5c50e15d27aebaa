// USER_OR_CONVERSATION -> a conversation: a conversation id, the direct
// conversation with a user of that name, or a group of that title.
// GROUP -> a group: its id, or its title when only one of your groups has it.
import type { ChatClient, Conversation, User } from '../sdk/index.js';
import { CliError } from './errors.js';
import { conversationName, type Me } from './format.js';

export type Resolved = { conversation: Conversation; user?: undefined } | { conversation?: undefined; user: User };

/** Finds the conversation; for a user one has not talked to yet, returns the user. */
export async function resolveConversation(client: ChatClient, me: Me, target: string): Promise<Resolved> {
  const list = await client.conversations();
  const byId = list.find((c) => c.id === target);
  if (byId) return { conversation: byId };
  const wanted = target.replace(/^[@#]/, '').toLowerCase();
  const direct = list.find((c) => c.kind === 'direct' && conversationName(c, me).toLowerCase() === wanted);
  if (direct) return { conversation: direct };
  const groups = list.filter((c) => c.kind === 'group' && c.title?.toLowerCase() === wanted);
  if (groups.length === 1) return { conversation: groups[0]! };
  if (groups.length > 1) throw new CliError(`several groups are called ${target}; use an id: ${groups.map((g) => g.id).join(', ')}`, 'ambiguous');
  const user = (await client.searchUsers(wanted, 50)).find((u) => u.name.toLowerCase() === wanted);
  if (user) return { user };
  throw new CliError(`unknown user or conversation: ${target}`, 'not_found');
}

/** The group `target` names: its id, or a title (any case, `#` optional) that only one of your groups has. */
export async function resolveGroup(client: ChatClient, target: string): Promise<Conversation> {
  const list = await client.conversations();
  const byId = list.find((c) => c.id === target);
  if (byId?.kind === 'group') return byId;
  if (byId) throw new CliError(`conversation ${target} is a direct conversation, not a group`, 'not_a_group');
  const wanted = target.replace(/^#/, '').toLowerCase();
  const groups = list.filter((c) => c.kind === 'group' && c.title?.toLowerCase() === wanted);
  if (groups.length === 1) return groups[0]!;
  if (groups.length > 1) throw new CliError(`several groups are called ${target}; use an id: ${groups.map((g) => g.id).join(', ')}`, 'ambiguous');
  throw new CliError(`unknown group: ${target} (not the title or id of a group you are in; see chat conversations)`, 'conversation_not_found');
}

/** A read receipt for `messageId`, when the conversation has unread messages; best effort. */
export async function markRead(client: ChatClient, conversation: Conversation | undefined, messageId: string): Promise<void> {
  if (!conversation || conversation.unread === 0) return;
  await client.markRead(conversation.id, messageId).catch(() => undefined);
}
