// npm start: builds what is missing or stale, then serves (API and web app) on one port.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;

function newest(dir) {
  let t = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    t = Math.max(t, entry.isDirectory() ? newest(path) : statSync(path).mtimeMs);
  }
  return t;
}

const built = join(root, 'dist', 'main.js');
if (!existsSync(built) || newest(join(root, 'src')) > statSync(built).mtimeMs) {
  process.stderr.write('building the server...\n');
  const r = spawnSync(process.execPath, [join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', join(root, 'tsconfig.build.json')], { stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

// `npm start` alone serves; `npm start -- migrate` or `npm start -- serve --port 4000` pass through.
if (process.argv.length <= 2) process.argv.push('serve');
await import(built);
