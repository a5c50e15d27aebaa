// Everything behind sign-in: one live chat (stream, state) shared by the chat
// and profile screens, the header, the tab title and notifications.
import { useCallback, useEffect } from 'react';
import type { Message } from '../../../src/sdk/index.js';
import { Header } from '../components/header.js';
import { useI18n } from '../i18n/context.js';
import { notifyHidden, tabTitle } from '../notifications.js';
import { conversationPath, navigate, type Route } from '../routes.js';
import type { Session } from '../session.js';
import { conversationName, totalUnread } from '../state/chat-state.js';
import { useChat } from '../state/use-chat.js';
import { ChatScreen } from './chat.js';
import { ProfileScreen } from './profile.js';

export function SignedIn({ session, route, onSignedOut }: { session: Session; route: Route; onSignedOut(reason?: 'revoked'): void }) {
  const { t } = useI18n();
  const onIncoming = useCallback((m: Message) => {
    notifyHidden(m.sender.name, m.body, m.conversationId, () => navigate(conversationPath(m.conversationId)));
  }, []);
  const chat = useChat(session, { onSignedOut, onIncoming });

  const unread = totalUnread(chat.state);
  const appName = t('appName');
  useEffect(() => {
    const open = chat.state.openId ? chat.state.conversations[chat.state.openId] : undefined;
    const where = open ? `${conversationName(open, session.user.id)} · ${appName}` : appName;
    document.title = tabTitle(where, unread);
  }, [unread, appName, chat.state.openId, chat.state.conversations, session.user.id]);

  return (
    <div className="shell">
      <Header session={session} connection={chat.connection} />
      {route.name === 'profile'
        ? <ProfileScreen session={session} client={chat.client} onSignedOut={onSignedOut} />
        : route.name === 'chat'
          ? <ChatScreen chat={chat} session={session} conversationId={route.conversationId} />
          : <main className="empty"><p role="alert">{t('notFound')}</p><a href="/" onClick={(e) => { e.preventDefault(); navigate('/'); }}>{t('backToChat')}</a></main>}
    </div>
  );
}
