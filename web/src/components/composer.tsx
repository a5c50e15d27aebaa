// Writing a message. Enter sends, Shift+Enter is a new line. A failed send
// keeps its text and offers a retry with the same clientId, so a send whose
// answer was lost is stored once.
import { useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import { newClientId, type Message } from '../../../src/sdk/index.js';
import { describeError } from '../errors.js';
import { useI18n } from '../i18n/context.js';

const MAX_BODY = 4096;

export function Composer({ send, onTyping, onSent }: { send(body: string, clientId: string): Promise<Message>; onTyping?(): void; onSent?(m: Message): void }) {
  const { t } = useI18n();
  const [body, setBody] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  // One id per text: a retry of the same text is the same message to the server.
  const clientId = useRef<string | null>(null);
  const input = useRef<HTMLTextAreaElement>(null);

  const submit = async (e?: FormEvent) => {
    e?.preventDefault();
    if (busy || !body.trim()) return;
    clientId.current ??= newClientId();
    setBusy(true);
    try {
      const message = await send(body, clientId.current);
      setBody('');
      setError(null);
      clientId.current = null;
      onSent?.(message);
    } catch (err) {
      setError(t('notSent', { reason: describeError(err, t) }));
    } finally {
      setBusy(false);
      input.current?.focus();
    }
  };

  const onKeyDown = (e: KeyboardEvent<HTMLTextAreaElement>) => {
    if (e.key === 'Enter' && !e.shiftKey && !e.nativeEvent.isComposing) {
      e.preventDefault();
      void submit();
    }
  };

  return (
    <form className="composer" onSubmit={submit}>
      {error && (
        <div className="send-error" role="alert">
          <span>{error}</span>
          <button type="submit" disabled={busy}>{t('retry')}</button>
        </div>
      )}
      <div className="composer-row">
        <textarea ref={input} aria-label={t('message')} placeholder={t('message')} rows={1} maxLength={MAX_BODY} value={body}
          onChange={(e) => { setBody(e.target.value); if (clientId.current) clientId.current = null; onTyping?.(); }}
          onKeyDown={onKeyDown} />
        <button type="submit" className="primary" disabled={busy || !body.trim()}>{busy ? t('sending') : t('send')}</button>
      </div>
    </form>
  );
}
