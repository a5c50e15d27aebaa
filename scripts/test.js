// npm test: every suite under test/ on node's test runner (TypeScript through tsx),
// and the API suites (test/api) a second time on PostgreSQL + Redis: small wrapper
// files, made here, set CHAT_TEST_STORE=postgres and CHAT_TEST_BUS=redis and
// import the suite, so one runner
// runs both passes and prints one closing summary (# pass / # fail), exiting
// non-zero on any failure. With CHAT_TEST_STORE or CHAT_TEST_BUS set, only that pass runs.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { buildWebIfStale } from './web-build.js';

const root = new URL('..', import.meta.url).pathname;
const only = process.argv.slice(2);

function find(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return e.name === 'helpers' ? [] : find(path);
    return e.name.endsWith('.test.ts') ? [path] : [];
  });
}

const files = find(join(root, 'test'))
  .map((f) => relative(root, f))
  .filter((f) => only.length === 0 || only.some((o) => f.includes(o)))
  .sort();

// The second pass: a wrapper per API suite, named after it (test/api/sync.test.ts -> sync.postgres-redis.test.mjs).
// Left out: suites whose servers are all child processes on SQLite files (nothing in them opens the test store).
const NO_TEST_STORE = [join('test', 'api', 'shutdown.test.ts')];
const secondPass = process.env.CHAT_TEST_STORE || process.env.CHAT_TEST_BUS ? [] : files.filter((f) => f.startsWith(join('test', 'api') + '/') && !NO_TEST_STORE.includes(f));
const wrappers = secondPass.length ? mkdtempSync(join(tmpdir(), 'chat-api-test-postgres-')) : undefined;
const wrapped = secondPass.map((f) => {
  const path = join(wrappers, f.slice('test/api/'.length).replace(/\.test\.ts$/, '.postgres-redis.test.mjs'));
  // Set before the suite's modules load: test/helpers/store.ts and bus.ts read them once.
  writeFileSync(path, `process.env.CHAT_TEST_STORE = 'postgres';\nprocess.env.CHAT_TEST_BUS = 'redis';\nawait import(${JSON.stringify(pathToFileURL(join(root, f)).href)});\n`);
  return path;
});

// The browser tests drive the built app: build it once here, not in each test file at once.
if (files.some((f) => f.startsWith(join('test', 'web')))) await buildWebIfStale();
// A test that hangs fails after TEST_TIMEOUT_MS (the slowest, installing the package, takes under two minutes) rather than hold the whole run.
const TEST_TIMEOUT_MS = 300_000;
const r = spawnSync(process.execPath, ['--import', 'tsx', '--test', '--test-reporter=spec', `--test-timeout=${TEST_TIMEOUT_MS}`, ...files, ...wrapped], { stdio: 'inherit', cwd: root });
if (wrappers) rmSync(wrappers, { recursive: true, force: true });
process.exit(r.status ?? 1);
