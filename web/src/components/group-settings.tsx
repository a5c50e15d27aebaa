// A group's settings: rename, add and remove members, leave.
import { useState, type FormEvent } from 'react';
import type { Conversation } from '../../../src/sdk/index.js';
import { describeError } from '../errors.js';
import { useI18n } from '../i18n/context.js';
import { navigate } from '../routes.js';
import type { Chat } from '../state/use-chat.js';
import { Status } from './field.js';

export function GroupSettings({ chat, conversation, meId }: { chat: Chat; conversation: Conversation; meId: string }) {
  const { t } = useI18n();
  const [title, setTitle] = useState(conversation.title ?? '');
  const [member, setMember] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  const run = async (work: () => Promise<unknown>, done?: () => void) => {
    try {
      await work();
      setError(null);
      setNotice(t('saved'));
      done?.();
    } catch (err) {
      setNotice(null);
      setError(describeError(err, t));
    }
  };
  const rename = (e: FormEvent) => {
    e.preventDefault();
    void run(() => chat.renameGroup(conversation.id, title.trim()));
  };
  const add = (e: FormEvent) => {
    e.preventDefault();
    void run(() => chat.addMember(conversation.id, member.trim()), () => setMember(''));
  };

  return (
    <div className="group-settings" role="region" aria-label={t('groupSettings')}>
      <Status error={error} notice={notice} />
      <form onSubmit={rename} className="row">
        <input aria-label={t('renameGroup')} value={title} required maxLength={100} onChange={(e) => setTitle(e.target.value)} />
        <button type="submit">{t('renameGroup')}</button>
      </form>
      <h2>{t('members')}</h2>
      <ul className="members">
        {conversation.members.map((m) => (
          <li key={m.id} className="row">
            <span className={`presence ${chat.state.online[m.id] ? 'on' : 'off'}`} role="img" aria-label={t(chat.state.online[m.id] ? 'online' : 'offline')} />
            <span>{m.id === meId ? `${m.name} (${t('you')})` : m.name}</span>
            {m.id !== meId && (
              <button type="button" className="link danger small" onClick={() => void run(() => chat.removeMember(conversation.id, m.id))}>{t('remove', { name: m.name })}</button>
            )}
          </li>
        ))}
      </ul>
      <form onSubmit={add} className="row">
        <input aria-label={t('memberName')} value={member} required onChange={(e) => setMember(e.target.value)} />
        <button type="submit">{t('addMember')}</button>
      </form>
      <button type="button" className="danger" onClick={() => void run(() => chat.removeMember(conversation.id, meId), () => navigate('/'))}>{t('leaveGroup')}</button>
    </div>
  );
}
