// What the stream's group events change in the interactive chat: a group
// appears, is renamed or changes members live; one you left or were removed
// from goes, and if it was open you are back at the list with a word why.
import type { Conversation } from '../../sdk/index.js';
import type { State } from './state.js';

/** `conversation.updated`: the title and members are the server's; what this client knows of messages stays. */
export function groupUpdated(state: State, conversation: Conversation): State {
  if (!conversation.members.some((m) => m.id === state.me?.id)) return groupRemoved(state, conversation.id);
  const known = state.conversations.find((c) => c.id === conversation.id);
  const conversations = known
    ? state.conversations.map((c) => (c.id === conversation.id ? { ...conversation, lastMessage: c.lastMessage, unread: c.unread } : c))
    : [conversation, ...state.conversations]; // a new group is the newest activity
  const open = state.open?.id === conversation.id && conversation.title !== null ? { ...state.open, title: conversation.title } : state.open;
  return { ...state, conversations, open, selected: state.selected ?? conversation.id };
}

/** `conversation.removed`: gone from the list; closed if it was open. */
export function groupRemoved(state: State, conversationId: string): State {
  const gone = state.conversations.find((c) => c.id === conversationId);
  const conversations = state.conversations.filter((c) => c.id !== conversationId);
  const selected = state.selected === conversationId ? (conversations[0]?.id ?? null) : state.selected;
  if (state.open?.id !== conversationId) return { ...state, conversations, selected };
  const title = gone?.title ?? state.open.title;
  return {
    ...state, conversations, selected, open: null, screen: 'list',
    notice: { kind: 'info', text: `You are no longer a member of #${title}` },
  };
}
