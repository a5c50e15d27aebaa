// `npm run cluster`: PostgreSQL, Redis, two instances and nginx from this
// machine's binaries, serving on PORT until Ctrl+C, which stops it all.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { freePort } from '../helpers/free-port.js';

describe('npm run cluster', { timeout: 120_000 }, () => {
  it('serves the API and the web app through nginx on PORT, both instances ready, and stops everything on SIGINT', async () => {
    const port = await freePort();
    const root = new URL('../..', import.meta.url).pathname;
    const child = spawn('npm', ['run', '--silent', 'cluster'], { cwd: root, env: { ...process.env, PORT: String(port) }, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    const ready = new Promise<void>((resolve, reject) => {
      child.stdout.on('data', (d: Buffer) => {
        out += d.toString();
        if (out.includes('Ctrl+C stops everything')) resolve();
      });
      child.stderr.on('data', (d: Buffer) => (err += d.toString()));
      void exited.then((code) => reject(new Error(`cluster exited (${code}) before it was ready: ${err}`)));
    });
    try {
      await ready;
      assert.match(out, new RegExp(`cluster ready: http://127\\.0\\.0\\.1:${port} \\(nginx with deploy/nginx\\.conf\\)`));
      const instances = [...out.matchAll(/instance \d: (http:\/\/\S+)/g)].map((m) => m[1]!);
      assert.equal(instances.length, 2);
      for (const url of [`http://127.0.0.1:${port}`, ...instances]) assert.equal((await fetch(`${url}/readyz`)).status, 200, url);
      const page = await fetch(`http://127.0.0.1:${port}/`);
      assert.equal(page.status, 200);
      assert.match(page.headers.get('content-type') ?? '', /text\/html/);
    } finally {
      child.kill('SIGINT');
    }
    assert.equal(await exited, 0);
    assert.match(out, /cluster stopped/);
    await assert.rejects(fetch(`http://127.0.0.1:${port}/healthz`), 'nginx is gone');
  });
});
