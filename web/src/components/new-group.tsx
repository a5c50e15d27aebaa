// Create a group: a title and the members' names.
import { useState } from 'react';
import { Field, Status } from './field.js';
import { useSubmit } from './use-submit.js';
import { useI18n } from '../i18n/context.js';
import type { Chat } from '../state/use-chat.js';

export function NewGroup({ chat, onCreated }: { chat: Chat; onCreated(id: string): void }) {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  const [title, setTitle] = useState('');
  const [members, setMembers] = useState('');
  const { outcome, busy, submit } = useSubmit(async () => {
    const group = await chat.createGroup(title.trim(), members.split(/[\s,]+/).filter(Boolean));
    setOpen(false);
    setTitle('');
    setMembers('');
    onCreated(group.id);
  });

  if (!open) return <button type="button" className="new-group" onClick={() => setOpen(true)}>{t('newGroup')}</button>;
  return (
    <form className="new-group-form" onSubmit={submit} aria-label={t('newGroup')}>
      <Status error={outcome.error} />
      <Field label={t('groupTitle')} required maxLength={100} value={title} onChange={(e) => setTitle(e.target.value)} autoFocus />
      <Field label={t('groupMembers')} value={members} onChange={(e) => setMembers(e.target.value)} />
      <div className="row">
        <button type="submit" className="primary" disabled={busy}>{t('create')}</button>
        <button type="button" onClick={() => setOpen(false)}>{t('cancel')}</button>
      </div>
    </form>
  );
}
