// Sign in (a new device, named after the browser and OS by default) and sign up.
import { useState, type ReactNode } from 'react';
import { ChatClient } from '../../../src/sdk/index.js';
import { Field, Status } from '../components/field.js';
import { LanguageSwitch } from '../components/language-switch.js';
import { useSubmit } from '../components/use-submit.js';
import { defaultDeviceName } from '../device-name.js';
import { useI18n } from '../i18n/context.js';
import { navigate } from '../routes.js';
import type { Session } from '../session.js';

const anonymous = () => new ChatClient({ baseUrl: location.origin });

async function signInWith(login: string, password: string, deviceName: string): Promise<Session> {
  const answer = await anonymous().login({ login, password, deviceName });
  return { token: answer.token, user: { id: answer.user.id, name: answer.user.name }, deviceId: answer.device.id };
}

function AuthFrame({ title, children }: { title: string; children: ReactNode }) {
  const { t } = useI18n();
  return (
    <div className="auth">
      <header className="auth-top">
        <span className="brand">{t('appName')}</span>
        <LanguageSwitch />
      </header>
      <main className="auth-card">
        <h1>{title}</h1>
        {children}
      </main>
    </div>
  );
}

export function SignIn({ onSignedIn, notice }: { onSignedIn(s: Session): void; notice: string | null }) {
  const { t } = useI18n();
  const [login, setLogin] = useState('');
  const [password, setPassword] = useState('');
  const [deviceName, setDeviceName] = useState(() => defaultDeviceName(navigator.userAgent));
  const { outcome, busy, submit } = useSubmit(async () => onSignedIn(await signInWith(login.trim(), password, deviceName.trim())));

  return (
    <AuthFrame title={t('signInTitle')}>
      <form onSubmit={submit}>
        <Status error={outcome.error} notice={notice} />
        <Field label={t('nameOrEmail')} name="login" autoComplete="username" required value={login} onChange={(e) => setLogin(e.target.value)} autoFocus />
        <Field label={t('password')} name="password" type="password" autoComplete="current-password" required value={password} onChange={(e) => setPassword(e.target.value)} />
        <Field label={t('deviceName')} name="deviceName" required maxLength={64} value={deviceName} onChange={(e) => setDeviceName(e.target.value)} />
        <button type="submit" className="primary" disabled={busy}>{t('signIn')}</button>
      </form>
      <p><a href="/signup" onClick={(e) => { e.preventDefault(); navigate('/signup'); }}>{t('noAccount')}</a></p>
    </AuthFrame>
  );
}

export function SignUp({ onSignedIn }: { onSignedIn(s: Session): void }) {
  const { t } = useI18n();
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const { outcome, busy, submit } = useSubmit(async () => {
    await anonymous().register({ name: name.trim(), email: email.trim(), password });
    // A new account signs straight in on this browser.
    onSignedIn(await signInWith(name.trim(), password, defaultDeviceName(navigator.userAgent)));
  });

  return (
    <AuthFrame title={t('signUpTitle')}>
      <form onSubmit={submit}>
        <Status error={outcome.error} />
        <Field label={t('name')} name="name" autoComplete="username" required minLength={3} maxLength={32} pattern="[A-Za-z0-9_.\-]+" hint={t('nameRule')} value={name} onChange={(e) => setName(e.target.value)} autoFocus />
        <Field label={t('email')} name="email" type="email" autoComplete="email" required value={email} onChange={(e) => setEmail(e.target.value)} />
        <Field label={t('password')} name="password" type="password" autoComplete="new-password" required minLength={8} maxLength={256} hint={t('passwordRule')} value={password} onChange={(e) => setPassword(e.target.value)} />
        <button type="submit" className="primary" disabled={busy}>{t('signUp')}</button>
      </form>
      <p><a href="/signin" onClick={(e) => { e.preventDefault(); navigate('/signin'); }}>{t('haveAccount')}</a></p>
    </AuthFrame>
  );
}
