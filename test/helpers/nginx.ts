// A throwaway nginx in front of chat-api instances, configured with the very
// site file the deployment guide ships (deploy/nginx.conf): only its upstream
// servers and its listen address are rewritten to the test's ports, inside a
// minimal main configuration of the test's own (pid, logs, temp paths).
import { spawn, type ChildProcess } from 'node:child_process';
import { accessSync, constants, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './free-port.js';

export const NGINX_MISSING = 'nginx is missing: apt-get install -y nginx';
const SITE = new URL('../../deploy/nginx.conf', import.meta.url);

export interface Nginx {
  url: string;
  /** The site file as nginx ran it. */
  site: string;
  close(): Promise<void>;
}

function findNginx(): string {
  for (const dir of [...(process.env.PATH ?? '').split(':'), '/usr/sbin', '/usr/bin', '/usr/local/sbin']) {
    const path = join(dir, 'nginx');
    try {
      accessSync(path, constants.X_OK);
      return path;
    } catch {
      // next
    }
  }
  throw new Error(NGINX_MISSING);
}

/** deploy/nginx.conf with the test's upstreams and listen address, nothing else changed. */
export function siteFor(upstreams: string[], listen: string): string {
  const shipped = readFileSync(SITE, 'utf8');
  const servers = shipped.match(/^ {4}server 127\.0\.0\.1:\d+ .*;$/gm) ?? [];
  if (servers.length === 0 || !/^ {4}listen 80;$/m.test(shipped)) throw new Error('deploy/nginx.conf no longer has the upstream servers and listen line this helper rewrites');
  const options = servers[0]!.replace(/^ {4}server \S+/, '');
  const upstreamLines = upstreams.map((u) => `    server ${u}${options}`).join('\n');
  return shipped
    .replace(servers.join('\n'), upstreamLines)
    .replace(/^ {4}listen 80;$/m, `    listen ${listen};`);
}

/** nginx in front of `instanceUrls`, on `port` of 127.0.0.1 (a free one by default). */
export async function startNginx(instanceUrls: string[], options: { port?: number } = {}): Promise<Nginx> {
  const binary = findNginx();
  const dir = mkdtempSync(join(tmpdir(), 'chat-api-nginx-'));
  const port = options.port ?? (await freePort());
  const site = siteFor(instanceUrls.map((u) => new URL(u).host), `127.0.0.1:${port}`);
  writeFileSync(join(dir, 'site.conf'), site);
  const asRoot = process.getuid?.() === 0;
  writeFileSync(join(dir, 'nginx.conf'), [
    'daemon off;',
    asRoot ? 'user root;' : '',
    'worker_processes 1;',
    `pid ${dir}/nginx.pid;`,
    `error_log ${dir}/error.log warn;`,
    'events { worker_connections 1024; }',
    'http {',
    '  access_log off;',
    ...['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi'].map((t) => `  ${t}_temp_path ${dir}/${t};`),
    `  include ${dir}/site.conf;`,
    '}',
  ].join('\n'));
  const child: ChildProcess = spawn(binary, ['-p', dir, '-c', join(dir, 'nginx.conf')], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  process.once('exit', () => child.kill('SIGKILL'));
  const url = `http://127.0.0.1:${port}`;
  // nginx says nothing when it is ready: ask through it until an instance answers.
  const deadline = Date.now() + 10_000;
  for (;;) {
    const early = await Promise.race([exited, new Promise<'running'>((resolve) => setTimeout(() => resolve('running'), 50))]);
    if (early !== 'running') throw new Error(`nginx exited (${early}): ${stderr}${readLog(dir)}`);
    try {
      if ((await fetch(`${url}/healthz`)).ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`nginx did not answer: ${stderr}${readLog(dir)}`);
  }
  return {
    url,
    site,
    async close() {
      child.kill('SIGQUIT');
      const killer = setTimeout(() => child.kill('SIGKILL'), 5_000);
      await exited;
      clearTimeout(killer);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

function readLog(dir: string): string {
  try {
    return readFileSync(join(dir, 'error.log'), 'utf8');
  } catch {
    return '';
  }
}
