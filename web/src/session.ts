// The signed-in device, remembered in this browser so a reload stays signed in.
import type { UserRef } from '../../src/sdk/index.js';

export interface Session {
  token: string;
  user: UserRef;
  deviceId: string;
}

const KEY = 'chat.session';

export function loadSession(): Session | null {
  try {
    const raw = localStorage.getItem(KEY);
    const s = raw ? (JSON.parse(raw) as Partial<Session>) : null;
    return s && typeof s.token === 'string' && s.user && typeof s.deviceId === 'string' ? (s as Session) : null;
  } catch {
    return null;
  }
}

export function saveSession(session: Session | null): void {
  try {
    if (session) localStorage.setItem(KEY, JSON.stringify(session));
    else localStorage.removeItem(KEY);
  } catch {
    // storage disabled: signed in for this tab only
  }
}
