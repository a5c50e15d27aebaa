// Browser notifications for messages that arrive while the tab is hidden.
// Permission is asked only from a click (browsers ignore it otherwise).
export type NotificationPermissionState = 'unsupported' | NotificationPermission;

export function notificationPermission(): NotificationPermissionState {
  return typeof Notification === 'undefined' ? 'unsupported' : Notification.permission;
}

export async function askNotificationPermission(): Promise<NotificationPermissionState> {
  if (typeof Notification === 'undefined') return 'unsupported';
  return Notification.requestPermission();
}

/** Shows one notification; the body is text (the Notification API renders no markup). */
export function notifyHidden(title: string, body: string, tag: string, onClick: () => void): void {
  if (document.visibilityState !== 'hidden' || notificationPermission() !== 'granted') return;
  const n = new Notification(title, { body: body.slice(0, 200), tag });
  n.onclick = () => {
    window.focus();
    onClick();
    n.close();
  };
}

/** "(3) Chat": the unread count where the tab strip shows it. */
export function tabTitle(appName: string, unread: number): string {
  return unread > 0 ? `(${unread}) ${appName}` : appName;
}
