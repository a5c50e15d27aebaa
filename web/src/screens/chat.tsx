// The chat: the conversation list (with search and new group) beside the open
// conversation. On a phone only one of the two shows at a time.
import { useEffect, useState } from 'react';
import type { UserRef } from '../../../src/sdk/index.js';
import { ConversationList } from '../components/conversation-list.js';
import { ConversationView, DraftView } from '../components/conversation-view.js';
import { NewGroup } from '../components/new-group.js';
import { UserSearch } from '../components/user-search.js';
import { useI18n } from '../i18n/context.js';
import { conversationPath, navigate } from '../routes.js';
import type { Session } from '../session.js';
import { directWith } from '../state/chat-state.js';
import type { Chat } from '../state/use-chat.js';

export function ChatScreen({ chat, session, conversationId }: { chat: Chat; session: Session; conversationId: string | null }) {
  const { t } = useI18n();
  const [draft, setDraft] = useState<UserRef | null>(null);
  const { state, open } = chat;

  const known = Boolean(conversationId && state.conversations[conversationId]);
  useEffect(() => {
    open(conversationId);
    if (conversationId) setDraft(null);
  }, [conversationId, known, open]);

  const startWith = (user: UserRef) => {
    const existing = directWith(state, user.id);
    if (existing) {
      setDraft(null);
      navigate(conversationPath(existing.id));
    } else {
      setDraft(user);
      navigate('/');
    }
  };

  const conversation = conversationId ? state.conversations[conversationId] : undefined;
  const showing = Boolean(conversationId || draft);
  let main;
  if (conversation) main = <ConversationView key={conversation.id} chat={chat} conversation={conversation} meId={session.user.id} />;
  else if (conversationId) main = <div className="empty">{state.loaded ? <p role="alert">{t('conversationGone')}</p> : <p>{t('loading')}</p>}</div>;
  else if (draft) main = <DraftView key={draft.id} chat={chat} to={draft} onSent={(id) => { setDraft(null); navigate(conversationPath(id)); }} />;
  else main = <div className="empty"><p>{t('pickConversation')}</p></div>;

  return (
    <div className={`chat ${showing ? 'showing' : ''}`}>
      <aside className="sidebar" aria-label={t('conversations')}>
        <UserSearch client={chat.client} onPick={startWith} />
        <NewGroup chat={chat} onCreated={(id) => navigate(conversationPath(id))} />
        <ConversationList state={state} openId={conversationId} />
      </aside>
      <main className="conversation">{main}</main>
    </div>
  );
}
