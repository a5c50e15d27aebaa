// Asks for notification permission, from a click as browsers require; says when it is on or blocked.
import { useState } from 'react';
import { useI18n } from '../i18n/context.js';
import { askNotificationPermission, notificationPermission } from '../notifications.js';

export function NotificationsButton({ className, showState = false }: { className?: string; showState?: boolean }) {
  const { t } = useI18n();
  const [permission, setPermission] = useState(notificationPermission);
  if (permission === 'default') {
    return <button type="button" className={className} onClick={() => askNotificationPermission().then(setPermission)}>{t('enableNotifications')}</button>;
  }
  if (!showState) return null;
  if (permission === 'granted') return <p className="notice">{t('notificationsOn')}</p>;
  return <p className="muted">{t('notificationsBlocked')}</p>;
}
