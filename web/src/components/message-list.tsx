// The history of a conversation: older pages load when you scroll to the top
// (or press the button), keeping what you were reading in place; new messages
// scroll into view when you were already at the bottom.
import { useLayoutEffect, useRef, useState } from 'react';
import type { Message } from '../../../src/sdk/index.js';
import { useI18n } from '../i18n/context.js';
import type { History } from '../state/chat-state.js';
import { MessageBody } from './message-body.js';

const NEAR = 80;

export function MessageList({ history, meId, seenId, onLoadOlder, onDelete }: {
  history: History | undefined;
  meId: string;
  seenId: string | null;
  onLoadOlder(): Promise<void>;
  onDelete(m: Message): void;
}) {
  const { t, lang } = useI18n();
  const box = useRef<HTMLDivElement>(null);
  const [loadingOlder, setLoadingOlder] = useState(false);
  // Where the reader was, measured before the DOM changes: restores the view after an older page lands.
  const anchor = useRef<{ height: number; top: number; atBottom: boolean } | null>(null);
  const items = history?.items ?? [];
  const firstId = items[0]?.id;
  const lastId = items.at(-1)?.id;

  const remember = () => {
    const el = box.current;
    if (el) anchor.current = { height: el.scrollHeight, top: el.scrollTop, atBottom: el.scrollHeight - el.scrollTop - el.clientHeight < NEAR };
  };

  useLayoutEffect(() => {
    const el = box.current;
    if (!el) return;
    const was = anchor.current;
    if (!was || was.atBottom) el.scrollTop = el.scrollHeight;
    else if (firstId !== undefined) el.scrollTop = was.top + (el.scrollHeight - was.height);
    remember();
  }, [firstId, lastId, items.length]);

  const loadOlder = async () => {
    if (loadingOlder || !history?.hasMore) return;
    setLoadingOlder(true);
    remember();
    try {
      await onLoadOlder();
    } finally {
      setLoadingOlder(false);
    }
  };

  const onScroll = () => {
    const el = box.current;
    if (!el) return;
    remember();
    if (el.scrollTop < NEAR) void loadOlder();
  };

  if (!history) return <div className="messages"><p className="muted pad">{t('loading')}</p></div>;
  const time = new Intl.DateTimeFormat(lang, { hour: '2-digit', minute: '2-digit' });
  return (
    <div className="messages" ref={box} onScroll={onScroll} role="log" aria-label={t('messages')} aria-live="polite" tabIndex={0}>
      {history.hasMore && (
        <button type="button" className="load-older" onClick={() => void loadOlder()} disabled={loadingOlder}>
          {loadingOlder ? t('loading') : t('loadOlder')}
        </button>
      )}
      {items.length === 0 && <p className="muted pad">{t('noMessages')}</p>}
      <ol className="message-items">
        {items.map((m) => {
          const mine = m.sender.id === meId;
          return (
            <li key={m.id} className={`message ${mine ? 'mine' : ''}`} data-message={m.id}>
              <div className="meta">
                <span className="sender">{mine ? t('you') : m.sender.name}</span>
                <time dateTime={m.createdAt}>{time.format(new Date(m.createdAt))}</time>
                {mine && <button type="button" className="link danger small" aria-label={t('deleteMessage')} onClick={() => onDelete(m)}>×</button>}
              </div>
              <MessageBody body={m.body} />
              {m.id === seenId && <span className="seen">{t('seen')}</span>}
            </li>
          );
        })}
      </ol>
    </div>
  );
}
