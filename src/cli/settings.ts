// Where the CLI talks to and where it keeps its state. The one place in cli/
// that reads the environment.
import { homedir } from 'node:os';
import { join } from 'node:path';
import { UsageError } from './errors.js';

export const DEFAULT_SERVER = 'http://127.0.0.1:3000';

/**
 * The server's base URL in one canonical spelling, which is also its key in the
 * session file: scheme and host lower-cased, default port and trailing slashes dropped.
 * A bare `host:port` means http.
 */
export function normalizeServer(raw: string): string {
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(raw) ? raw : `http://${raw}`;
  let url: URL;
  try {
    url = new URL(withScheme);
  } catch {
    throw new UsageError(`invalid server URL: ${raw}`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new UsageError(`invalid server URL (use http:// or https://): ${raw}`);
  if (url.search || url.hash || url.username || url.password) throw new UsageError(`invalid server URL (no query, fragment or credentials): ${raw}`);
  return url.origin + url.pathname.replace(/\/+$/, '');
}

export function serverFrom(flag: string | undefined, env: NodeJS.ProcessEnv = process.env): string {
  return normalizeServer(flag ?? (env.CHAT_SERVER || DEFAULT_SERVER));
}

/** $CHAT_CONFIG_DIR, else $XDG_CONFIG_HOME/chat-api, else ~/.config/chat-api. */
export function configDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.CHAT_CONFIG_DIR) return env.CHAT_CONFIG_DIR;
  return join(env.XDG_CONFIG_HOME || join(homedir(), '.config'), 'chat-api');
}
