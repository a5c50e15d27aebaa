// Which browser origins may open the stream. Judged against the URL users reach
// the server at (CHAT_PUBLIC_URL, default http://HOST:PORT) and the extra
// origins configured, never against the request's Host header: a page on
// evil.example whose name resolves to this server (DNS rebinding) sends
// Host: evil.example too.

const LOOPBACK_NAMES = ['localhost', '127.0.0.1', '[::1]'];
const WILDCARDS = ['0.0.0.0', '::', '[::]'];

function isLoopback(hostname: string): boolean {
  return hostname === 'localhost' || hostname === '[::1]' || hostname === '::1' || /^127\.\d+\.\d+\.\d+$/.test(hostname);
}

/** `http://HOST:PORT`, with IPv6 addresses bracketed. */
export function defaultPublicUrl(host: string, port: number): string {
  const name = host.includes(':') && !host.startsWith('[') ? `[${host}]` : host;
  return `http://${name}:${port}`;
}

/** The normalized origin of a URL or an Origin header, or null when it is not an http(s) origin. */
export function originOf(value: string): string | null {
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.origin : null;
  } catch {
    return null;
  }
}

/**
 * The origins allowed to open the stream. A loopback public URL (or a server
 * listening on every interface without one) is reachable as localhost,
 * 127.0.0.1 and [::1] alike, so all three are its origin.
 */
export function streamOrigins(options: { publicUrl: string | null; host: string; port: number; allowedOrigins: string[] }): Set<string> {
  const base = new URL(options.publicUrl ?? defaultPublicUrl(WILDCARDS.includes(options.host) ? '127.0.0.1' : options.host, options.port));
  const origins = new Set<string>([base.origin]);
  if (isLoopback(base.hostname)) {
    for (const name of LOOPBACK_NAMES) origins.add(new URL(`${base.protocol}//${name}${base.port ? `:${base.port}` : ''}`).origin);
  }
  for (const o of options.allowedOrigins) {
    const origin = originOf(o);
    if (origin) origins.add(origin);
  }
  return origins;
}
