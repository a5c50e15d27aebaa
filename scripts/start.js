// npm start: builds what is missing or stale, then serves (API and web app) on one port.
// package.json runs this with `exec`: npm starts scripts through `sh -c`, which
// would not pass npm's SIGTERM on, leaving the server running as an orphan.
// The server is this process (the import below), so the signal reaches it.
import { spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { buildWebIfStale, newest } from './web-build.js';

const root = new URL('..', import.meta.url).pathname;

const built = join(root, 'dist', 'main.js');
if (!existsSync(built) || newest(join(root, 'src')) > statSync(built).mtimeMs) {
  process.stderr.write('building the server...\n');
  const r = spawnSync(process.execPath, [join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', join(root, 'tsconfig.build.json')], { stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

await buildWebIfStale();

// `npm start` alone serves, and so does `npm start -- --port 4000`: options
// without a command are serve's. `npm start -- migrate` and `npm start -- --help`
// pass through.
const first = process.argv[2];
if (first === undefined || (first.startsWith('-') && first !== '--help' && first !== '-h')) process.argv.splice(2, 0, 'serve');
await import(built);
