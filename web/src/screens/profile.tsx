// The profile: email and password (each with the current password), this
// account's devices (rename, revoke; the current one marked), sign out, and
// account deletion behind a confirmation.
import { useCallback, useEffect, useState } from 'react';
import type { ChatClient, Device, User } from '../../../src/sdk/index.js';
import { Field, Status } from '../components/field.js';
import { describeError } from '../errors.js';
import { useI18n } from '../i18n/context.js';
import { navigate } from '../routes.js';
import type { Session } from '../session.js';
import { NotificationsButton } from '../components/notifications-button.js';
import { useSubmit } from '../components/use-submit.js';
import { DeviceList } from './devices.js';

function EmailForm({ client, user, onChanged }: { client: ChatClient; user: User | null; onChanged(u: User): void }) {
  const { t } = useI18n();
  const [email, setEmail] = useState('');
  const [currentPassword, setCurrent] = useState('');
  const { outcome, busy, submit } = useSubmit(async () => {
    onChanged(await client.updateMe({ email: email.trim(), currentPassword }));
    setEmail('');
    setCurrent('');
    return t('saved');
  });
  return (
    <form onSubmit={submit} aria-labelledby="email-h">
      <h2 id="email-h">{t('changeEmail')}</h2>
      {user?.email && <p className="muted">{t('email')}: <span data-testid="current-email">{user.email}</span></p>}
      <Status error={outcome.error} notice={outcome.notice} />
      <Field label={t('newEmail')} type="email" autoComplete="email" required value={email} onChange={(e) => setEmail(e.target.value)} />
      <Field label={t('currentPassword')} type="password" autoComplete="current-password" required value={currentPassword} onChange={(e) => setCurrent(e.target.value)} />
      <button type="submit" disabled={busy}>{t('save')}</button>
    </form>
  );
}

function PasswordForm({ client, onChanged }: { client: ChatClient; onChanged(): void }) {
  const { t } = useI18n();
  const [currentPassword, setCurrent] = useState('');
  const [password, setPassword] = useState('');
  const { outcome, busy, submit } = useSubmit(async () => {
    await client.updateMe({ password, currentPassword });
    setCurrent('');
    setPassword('');
    onChanged();
    return t('passwordChanged');
  });
  return (
    <form onSubmit={submit} aria-labelledby="password-h">
      <h2 id="password-h">{t('changePassword')}</h2>
      <Status error={outcome.error} notice={outcome.notice} />
      <Field label={t('currentPassword')} type="password" autoComplete="current-password" required value={currentPassword} onChange={(e) => setCurrent(e.target.value)} />
      <Field label={t('newPassword')} type="password" autoComplete="new-password" required minLength={8} maxLength={256} hint={t('passwordRule')} value={password} onChange={(e) => setPassword(e.target.value)} />
      <button type="submit" disabled={busy}>{t('changePassword')}</button>
    </form>
  );
}

function DeleteAccount({ client, onDeleted }: { client: ChatClient; onDeleted(): void }) {
  const { t } = useI18n();
  const [confirming, setConfirming] = useState(false);
  const [password, setPassword] = useState('');
  const { outcome, busy, submit } = useSubmit(async () => {
    await client.deleteAccount(password);
    onDeleted();
  });
  if (!confirming) {
    return (
      <section aria-labelledby="delete-h">
        <h2 id="delete-h">{t('deleteAccount')}</h2>
        <button type="button" className="danger" onClick={() => setConfirming(true)}>{t('deleteAccount')}</button>
      </section>
    );
  }
  return (
    <form onSubmit={submit} aria-labelledby="delete-h" className="confirm" role="group">
      <h2 id="delete-h">{t('deleteAccount')}</h2>
      <p>{t('deleteAccountWarning')}</p>
      <Status error={outcome.error} />
      <Field label={t('password')} type="password" autoComplete="current-password" required value={password} onChange={(e) => setPassword(e.target.value)} autoFocus />
      <div className="row">
        <button type="submit" className="danger" disabled={busy}>{t('confirmDeleteAccount')}</button>
        <button type="button" onClick={() => setConfirming(false)}>{t('cancel')}</button>
      </div>
    </form>
  );
}

export function ProfileScreen({ session, client, onSignedOut }: { session: Session; client: ChatClient; onSignedOut(): void }) {
  const { t } = useI18n();
  const [user, setUser] = useState<User | null>(null);
  const [devices, setDevices] = useState<Device[] | null>(null);
  const [error, setError] = useState<string | null>(null);

  const loadDevices = useCallback(() => {
    client.devices().then(setDevices, (err: unknown) => setError(describeError(err, t)));
  }, [client, t]);
  useEffect(() => {
    client.me().then((me) => setUser(me.user), (err: unknown) => setError(describeError(err, t)));
    loadDevices();
  }, [client, loadDevices, t]);

  const signOut = async () => {
    // Signed out here even if the server cannot be told: the token is forgotten either way.
    await client.logout().catch(() => undefined);
    onSignedOut();
  };

  return (
    <main className="profile">
      <div className="row">
        <a href="/" onClick={(e) => { e.preventDefault(); navigate('/'); }}>← {t('backToChat')}</a>
      </div>
      <h1>{t('profile')}: {session.user.name}</h1>
      <Status error={error} />
      <EmailForm client={client} user={user} onChanged={setUser} />
      <PasswordForm client={client} onChanged={loadDevices} />
      <DeviceList client={client} devices={devices} onChanged={loadDevices} />
      <section aria-labelledby="notifications-h">
        <h2 id="notifications-h">{t('notifications')}</h2>
        <NotificationsButton showState />
      </section>
      <section aria-labelledby="signout-h">
        <h2 id="signout-h" className="visually-hidden">{t('signOut')}</h2>
        <button type="button" onClick={signOut}>{t('signOut')}</button>
      </section>
      <DeleteAccount client={client} onDeleted={onSignedOut} />
    </main>
  );
}
