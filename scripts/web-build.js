// Builds the web app into dist/web when it is missing or older than its
// sources (web/ and the SDK it bundles). Used by npm start and npm test.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;

export function newest(dir) {
  let t = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    t = Math.max(t, entry.isDirectory() ? newest(path) : statSync(path).mtimeMs);
  }
  return t;
}

export function webIsStale() {
  const index = join(root, 'dist', 'web', 'index.html');
  if (!existsSync(index)) return true;
  const sources = Math.max(newest(join(root, 'web')), newest(join(root, 'src', 'sdk')), newest(join(root, 'src', 'contract')));
  return sources > statSync(index).mtimeMs;
}

export async function buildWebIfStale() {
  if (!webIsStale()) return;
  process.stderr.write('building the web app...\n');
  const { build } = await import('vite');
  await build({ configFile: join(root, 'web', 'vite.config.ts') });
}
