// One conversation: its header (name, members, presence, group settings),
// the history, who is typing, and the composer. DraftView is the same for a
// direct conversation that the first message will create.
import { useState } from 'react';
import type { Conversation, UserRef } from '../../../src/sdk/index.js';
import { describeError } from '../errors.js';
import { useI18n } from '../i18n/context.js';
import { navigate } from '../routes.js';
import { conversationName, seenMessageId, typingNames } from '../state/chat-state.js';
import type { Chat } from '../state/use-chat.js';
import { Composer } from './composer.js';
import { GroupSettings } from './group-settings.js';
import { MessageList } from './message-list.js';

function BackLink() {
  const { t } = useI18n();
  return <a className="back" href="/" aria-label={t('back')} onClick={(e) => { e.preventDefault(); navigate('/'); }}>←</a>;
}

export function ConversationView({ chat, conversation, meId }: { chat: Chat; conversation: Conversation; meId: string }) {
  const { t } = useI18n();
  const { state } = chat;
  const [settings, setSettings] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const name = conversationName(conversation, meId);
  const other = conversation.kind === 'direct' ? conversation.members.find((m) => m.id !== meId) : undefined;
  const typing = typingNames(state, conversation.id);
  const subtitle = conversation.kind === 'group'
    ? t('groupOf', { count: conversation.members.length })
    : other ? t(state.online[other.id] ? 'online' : 'offline') : t('directWith');

  return (
    <section className="conversation-pane" aria-label={name}>
      <header className="conversation-head">
        <BackLink />
        <div className="head-text">
          <h1>{name}</h1>
          <span className="muted small">{subtitle}</span>
        </div>
        {conversation.kind === 'group' && (
          <button type="button" aria-expanded={settings} onClick={() => setSettings(!settings)}>{settings ? t('closeSettings') : t('groupSettings')}</button>
        )}
      </header>
      {settings && conversation.kind === 'group' && <GroupSettings chat={chat} conversation={conversation} meId={meId} />}
      {error && <p className="error" role="alert">{error}</p>}
      <MessageList
        history={state.histories[conversation.id]}
        meId={meId}
        seenId={seenMessageId(state, conversation.id)}
        onLoadOlder={() => chat.loadOlder(conversation.id)}
        onDelete={(m) => chat.deleteMessage(m.id).then(() => setError(null), (err: unknown) => setError(describeError(err, t)))}
      />
      <p className="typing" aria-live="polite">{typing.length > 0 ? t('typing', { names: typing.join(', ') }) : ''}</p>
      <Composer send={(body, clientId) => chat.send({ conversationId: conversation.id }, body, clientId)} onTyping={() => chat.typing(conversation.id)} />
    </section>
  );
}

export function DraftView({ chat, to, onSent }: { chat: Chat; to: UserRef; onSent(conversationId: string): void }) {
  const { t } = useI18n();
  return (
    <section className="conversation-pane" aria-label={t('newConversationWith', { name: to.name })}>
      <header className="conversation-head">
        <BackLink />
        <div className="head-text"><h1>{t('newConversationWith', { name: to.name })}</h1></div>
      </header>
      <div className="messages"><p className="muted pad">{t('noMessages')}</p></div>
      <p className="typing" />
      <Composer send={(body, clientId) => chat.send({ to: to.name }, body, clientId)} onSent={(m) => onSent(m.conversationId)} />
    </section>
  );
}
