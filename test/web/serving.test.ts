// How the server serves the built app: caching, the SPA fallback and its
// limits, and the security headers. Plain HTTP: no browser needed.
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import Fastify from 'fastify';
import { defaultWebRoot, registerWeb } from '../../src/http/web.js';
import { raw, startServer, type TestServer } from '../helpers/server.js';

describe('serving the web app', () => {
  let server: TestServer;
  before(async () => {
    server = await startServer();
  });
  after(async () => server?.close());

  it('answers index.html without caching, with the CSP and security headers, on every app route', async () => {
    for (const path of ['/', '/signin', '/signup', '/profile', '/c/some-conversation-id']) {
      const r = await raw(server.url, path);
      assert.equal(r.status, 200, path);
      assert.match(r.headers.get('content-type') ?? '', /^text\/html/);
      assert.match(String(r.body), /<div id="root"><\/div>/);
      assert.equal(r.headers.get('cache-control'), 'no-cache', path);
      const csp = r.headers.get('content-security-policy') ?? '';
      assert.match(csp, /default-src 'self'/);
      assert.match(csp, /script-src 'self'(;|$)/, 'no inline script, no other origin');
      assert.match(csp, /frame-ancestors 'none'/);
      assert.equal(r.headers.get('x-content-type-options'), 'nosniff');
      assert.equal(r.headers.get('referrer-policy'), 'no-referrer');
    }
  });

  it('index.html has no inline script and refers only to its own origin', async () => {
    const html = String((await raw(server.url, '/')).body);
    for (const tag of html.match(/<script\b[^>]*>[\s\S]*?<\/script>/g) ?? []) {
      assert.match(tag, /src="\/assets\/[^"]+\.js"/, 'a script is a file');
      assert.match(tag, />\s*<\/script>$/, 'and has no inline body');
    }
    assert.doesNotMatch(html, /(src|href)="(https?:)?\/\//, 'nothing from another origin');
  });

  it('serves hashed assets for a year, immutable, and the favicon', async () => {
    const assets = readdirSync(`${defaultWebRoot()}/assets`);
    const js = assets.find((f) => f.endsWith('.js'));
    assert.ok(js);
    const r = await raw(server.url, `/assets/${js}`);
    assert.equal(r.status, 200);
    assert.match(r.headers.get('content-type') ?? '', /javascript/);
    assert.match(r.headers.get('cache-control') ?? '', /max-age=31536000/);
    assert.match(r.headers.get('cache-control') ?? '', /immutable/);
    assert.equal(r.headers.get('x-content-type-options'), 'nosniff');
    const icon = await raw(server.url, '/favicon.svg');
    assert.equal(icon.status, 200);
    assert.match(icon.headers.get('content-type') ?? '', /svg/);
  });

  it('an unknown asset is the JSON 404, not the app', async () => {
    const r = await raw(server.url, '/assets/nope-123.js');
    assert.equal(r.status, 404);
    assert.equal(r.body.error.code, 'not_found');
  });

  it('never falls back to the app under the API, docs or operations paths', async () => {
    for (const path of ['/v1/nothing', '/v1', '/api/nothing', '/docs/nothing/here', '/openapi.json/x', '/healthz/x', '/readyz/x', '/metrics/x', '/c/a/b', '/unknown']) {
      const r = await raw(server.url, path);
      assert.equal(r.status, 404, path);
      assert.match(r.headers.get('content-type') ?? '', /^application\/json/, path);
      // The seed's /api answers refusals in its own {message} shape; everything else in the API's.
      if (path.startsWith('/api/')) assert.match(r.body.message, /No route/);
      else assert.equal(r.body.error.code, 'not_found', path);
    }
    assert.equal((await raw(server.url, '/healthz')).body.status, 'ok');
    assert.equal((await raw(server.url, '/openapi.json')).status, 200);
  });

  it('the app routes stay out of the OpenAPI document', async () => {
    const doc = (await raw(server.url, '/openapi.json')).body as { paths: Record<string, unknown> };
    assert.ok(!('/' in doc.paths) && !('/signin' in doc.paths) && !('/assets/*' in doc.paths), Object.keys(doc.paths).join());
  });

  it('a checkout whose app is not built says so in the error shape, never a blank page', async () => {
    const app = Fastify();
    await registerWeb(app, '/nonexistent/web');
    const r = await app.inject({ method: 'GET', url: '/profile' });
    assert.equal(r.statusCode, 404);
    assert.match(r.json().error.message, /npm run build/);
    await app.close();
  });
});
