// The top bar: who is signed in, the connection, notifications, language, profile.
import type { StreamState } from '../../../src/sdk/index.js';
import { useI18n } from '../i18n/context.js';
import type { MessageKey } from '../i18n/messages.js';
import { navigate } from '../routes.js';
import type { Session } from '../session.js';
import { LanguageSwitch } from './language-switch.js';
import { NotificationsButton } from './notifications-button.js';

const CONNECTION: Record<StreamState, MessageKey> = {
  connecting: 'connecting',
  open: 'connected',
  reconnecting: 'reconnecting',
  closed: 'disconnected',
  unauthorized: 'disconnected',
};

export function Header({ session, connection }: { session: Session; connection: StreamState }) {
  const { t } = useI18n();
  return (
    <header className="topbar">
      <a className="brand" href="/" onClick={(e) => { e.preventDefault(); navigate('/'); }}>{t('appName')}</a>
      <span className={`connection ${connection}`} role="status" aria-label={t('connection')} data-state={connection}>
        <span className="dot" aria-hidden="true" />
        {t(CONNECTION[connection])}
      </span>
      <span className="spacer" />
      {/* On a phone the profile offers it, keeping this bar to one line. */}
      <NotificationsButton className="wide-only" />
      <LanguageSwitch />
      <a className="button" href="/profile" aria-label={`${t('profile')} (${session.user.name})`} onClick={(e) => { e.preventDefault(); navigate('/profile'); }}>
        {session.user.name}
      </a>
    </header>
  );
}
