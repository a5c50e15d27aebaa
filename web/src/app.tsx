// Signed out: the sign-in and sign-up screens. Signed in: the chat and the profile.
import { useCallback, useEffect, useState } from 'react';
import { useI18n } from './i18n/context.js';
import { loadSession, saveSession, type Session } from './session.js';
import { navigate, useRoute } from './routes.js';
import { SignIn, SignUp } from './screens/auth.js';
import { SignedIn } from './screens/signed-in.js';

export function App() {
  const route = useRoute();
  const [session, setSession] = useState<Session | null>(loadSession);
  const [notice, setNotice] = useState<string | null>(null);
  const { t } = useI18n();

  const signIn = useCallback((s: Session) => {
    saveSession(s);
    setSession(s);
    setNotice(null);
    navigate('/', { replace: true });
  }, []);
  const signOut = useCallback((reason?: 'revoked') => {
    saveSession(null);
    setSession(null);
    setNotice(reason === 'revoked' ? t('revokedNotice') : null);
    navigate('/signin', { replace: true });
  }, [t]);

  // Signed out in another tab (or revoked there): follow it here.
  useEffect(() => {
    const onStorage = (e: StorageEvent) => {
      if (e.key === 'chat.session') setSession(loadSession());
    };
    window.addEventListener('storage', onStorage);
    return () => window.removeEventListener('storage', onStorage);
  }, []);

  const signedOutRoute = route.name === 'signup' ? 'signup' : 'signin';
  useEffect(() => {
    if (!session && route.name !== 'signin' && route.name !== 'signup') navigate('/signin', { replace: true });
    if (session && (route.name === 'signin' || route.name === 'signup')) navigate('/', { replace: true });
  }, [session, route.name]);

  if (!session) return signedOutRoute === 'signup' ? <SignUp onSignedIn={signIn} /> : <SignIn onSignedIn={signIn} notice={notice} />;
  return <SignedIn key={session.token} session={session} route={route} onSignedOut={signOut} />;
}
