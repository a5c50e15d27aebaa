// The app's few routes, on the History API. The server answers index.html for
// exactly these paths (src/http/web.ts, APP_ROUTES), so a reload lands here.
import { useEffect, useState } from 'react';

export type Route =
  | { name: 'signin' }
  | { name: 'signup' }
  | { name: 'profile' }
  | { name: 'chat'; conversationId: string | null }
  | { name: 'notFound' };

export function parseRoute(pathname: string): Route {
  if (pathname === '/' || pathname === '') return { name: 'chat', conversationId: null };
  if (pathname === '/signin') return { name: 'signin' };
  if (pathname === '/signup') return { name: 'signup' };
  if (pathname === '/profile') return { name: 'profile' };
  const c = /^\/c\/([^/]+)$/.exec(pathname);
  if (c?.[1]) return { name: 'chat', conversationId: decodeURIComponent(c[1]) };
  return { name: 'notFound' };
}

export function conversationPath(id: string): string {
  return `/c/${encodeURIComponent(id)}`;
}

const CHANGE = 'chat:navigate';

export function navigate(path: string, options: { replace?: boolean } = {}): void {
  if (path === location.pathname) return;
  if (options.replace) history.replaceState(null, '', path);
  else history.pushState(null, '', path);
  window.dispatchEvent(new Event(CHANGE));
}

export function useRoute(): Route {
  const [route, setRoute] = useState(() => parseRoute(location.pathname));
  useEffect(() => {
    const update = () => setRoute(parseRoute(location.pathname));
    window.addEventListener('popstate', update);
    window.addEventListener(CHANGE, update);
    return () => {
      window.removeEventListener('popstate', update);
      window.removeEventListener(CHANGE, update);
    };
  }, []);
  return route;
}
