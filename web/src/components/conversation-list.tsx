// The conversations, most recent first: name, presence, last message, unread.
import { useI18n } from '../i18n/context.js';
import { conversationPath, navigate } from '../routes.js';
import { conversationList, conversationName, type ChatState } from '../state/chat-state.js';

export function ConversationList({ state, openId }: { state: ChatState; openId: string | null }) {
  const { t } = useI18n();
  const list = conversationList(state);
  if (!state.loaded) return <p className="muted pad">{t('loading')}</p>;
  if (list.length === 0) return <p className="muted pad">{t('noConversations')}</p>;
  return (
    <nav aria-label={t('conversations')}>
      <ul className="conversations">
        {list.map((c) => {
          const name = conversationName(c, state.meId);
          const other = c.kind === 'direct' ? c.members.find((m) => m.id !== state.meId) : undefined;
          const online = other ? Boolean(state.online[other.id]) : null;
          const last = c.lastMessage;
          const preview = last ? `${last.sender.id === state.meId ? t('you') : last.sender.name}: ${last.body}` : t('noMessages');
          return (
            <li key={c.id}>
              <a href={conversationPath(c.id)} aria-current={c.id === openId ? 'page' : undefined} className="conversation-item" data-conversation={c.id}
                onClick={(e) => { e.preventDefault(); navigate(conversationPath(c.id)); }}>
                <span className="title-line">
                  {online !== null && <span className={`presence ${online ? 'on' : 'off'}`} role="img" aria-label={t(online ? 'online' : 'offline')} />}
                  <span className="name">{name}</span>
                  {c.unread > 0 && <span className="unread" aria-label={t('unread', { count: c.unread })}>{c.unread}</span>}
                </span>
                <span className="preview">{preview}</span>
              </a>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
