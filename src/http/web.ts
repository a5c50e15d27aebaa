// The web app's files (built by Vite into dist/web): hashed assets cached for
// a year, index.html never cached, served for the app's own routes only, so
// an unknown /v1, /api or /docs path still answers the API's JSON 404.
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { AppError } from '../domain/errors.js';
import { sendError } from './errors.js';

/** The paths the app's router knows (web/src/routes.ts); anything else is not the app's. */
export const APP_ROUTES = ['/', '/signin', '/signup', '/profile', '/c/:conversationId'];

// Only this origin, no inline script or style, no plugins, never framed. Images may be
// data: URLs (the favicon). 'self' covers the stream's ws(s): URL on the same host.
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "font-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

const SECURITY_HEADERS: Record<string, string> = {
  'content-security-policy': CONTENT_SECURITY_POLICY,
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
  'cross-origin-opener-policy': 'same-origin',
};

/** dist/web beside this file's package: src/http (tsx) and dist/http (built) both sit two levels below the root. */
export function defaultWebRoot(): string {
  return join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'dist', 'web');
}

export async function registerWeb(app: FastifyInstance, root = defaultWebRoot()): Promise<void> {
  await app.register(async (scope) => {
    scope.addHook('onSend', async (_request, reply) => {
      reply.headers(SECURITY_HEADERS);
    });
    const built = existsSync(join(root, 'index.html'));
    if (!built) {
      // A checkout that skipped `npm run build`: say so in the API's error shape instead of a blank page.
      for (const path of APP_ROUTES) {
        scope.get(path, { schema: { hide: true } }, async (_request, reply) =>
          sendError(reply, new AppError('not_found', 'The web app is not built: run npm run build')));
      }
      return;
    }
    await scope.register(fastifyStatic, {
      root: join(root, 'assets'),
      prefix: '/assets/',
      index: false,
      // Vite puts a content hash in every asset's name, so a changed file is a new URL.
      maxAge: '365d',
      immutable: true,
    });
    const sendIndex = (reply: FastifyReply) =>
      reply.header('cache-control', 'no-cache').sendFile('index.html', root, { maxAge: 0, immutable: false, cacheControl: false });
    for (const path of APP_ROUTES) {
      scope.get(path, { schema: { hide: true } }, async (_request, reply) => sendIndex(reply));
    }
    // Browsers ask for /favicon.ico on their own, whatever the page links: the same icon answers both.
    for (const path of ['/favicon.svg', '/favicon.ico']) {
      scope.get(path, { schema: { hide: true } }, async (_request, reply) =>
        reply.header('cache-control', 'public, max-age=86400').type('image/svg+xml').sendFile('favicon.svg', root, { cacheControl: false }));
    }
  });
}
