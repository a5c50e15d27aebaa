// Find a user by name and start (or open) the direct conversation with them.
import { useEffect, useState } from 'react';
import type { ChatClient, UserRef } from '../../../src/sdk/index.js';
import { describeError } from '../errors.js';
import { useI18n } from '../i18n/context.js';

export function UserSearch({ client, onPick }: { client: ChatClient; onPick(user: UserRef): void }) {
  const { t } = useI18n();
  const [q, setQ] = useState('');
  const [users, setUsers] = useState<UserRef[] | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    const query = q.trim();
    if (!query) {
      setUsers(null);
      return;
    }
    let current = true;
    // Wait for a pause in typing instead of asking once per key.
    const timer = setTimeout(() => {
      client.searchUsers(query, 10).then(
        (found) => current && (setUsers(found), setError(null)),
        (err: unknown) => current && setError(describeError(err, t)),
      );
    }, 200);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [q, client, t]);

  return (
    <div className="search">
      <input type="search" aria-label={t('searchUsers')} placeholder={t('searchUsers')} value={q} onChange={(e) => setQ(e.target.value)}
        onKeyDown={(e) => { if (e.key === 'Escape') setQ(''); }} />
      {error && <p className="error" role="alert">{error}</p>}
      {users && (
        <ul className="results" aria-label={t('searchUsers')}>
          {users.length === 0 && <li className="muted">{t('noUsersFound')}</li>}
          {users.map((u) => (
            <li key={u.id}>
              <button type="button" onClick={() => { setQ(''); onPick(u); }}>{t('startConversation', { name: u.name })}</button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
