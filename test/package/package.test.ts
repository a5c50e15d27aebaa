// The package as a user gets it: `npm pack` (its prepack builds dist/), the
// tarball installed with `npm install -g` into a throwaway prefix, and the
// installed `chat-api` and `chat` commands run from that prefix's PATH against
// each other. Then `npm start` from the checkout, stopped by a signal to npm.
// One file, in order: the pack builds the dist/ that `npm start` then serves.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort } from '../helpers/process.js';
import { PASSWORD, tempDir } from '../helpers/server.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const NPM_ENV = { ...process.env, npm_config_audit: 'false', npm_config_fund: 'false', npm_config_update_notifier: 'false' };

interface Finished {
  code: number | null;
  stdout: string;
  stderr: string;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the documents' shapes are what the tests check
const json = (r: Finished): any => JSON.parse(r.stdout);

function run(command: string, args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv; input?: string } = {}): Promise<Finished> {
  const child = spawn(command, args, { cwd: options.cwd ?? ROOT, env: options.env ?? NPM_ENV, stdio: [options.input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (c: Buffer) => (stdout += c.toString()));
  child.stderr!.on('data', (c: Buffer) => (stderr += c.toString()));
  if (options.input !== undefined) child.stdin!.end(options.input);
  return once(child, 'exit').then(([code]) => ({ code: code as number | null, stdout, stderr }));
}

/** A long-running server process whose output is awaited by content, never by time. */
class Served {
  output = '';
  readonly exited: Promise<number | null>;
  private waiters: (() => void)[] = [];

  constructor(readonly child: ChildProcess) {
    const take = (c: Buffer) => {
      this.output += c.toString();
      for (const w of this.waiters.splice(0)) w();
    };
    child.stdout!.on('data', take);
    child.stderr!.on('data', take);
    this.exited = once(child, 'exit').then(([code]) => {
      for (const w of this.waiters.splice(0)) w();
      return code as number | null;
    });
  }

  /** Resolves once the output contains `text`; fails if the process exits first. */
  async waitFor(text: string): Promise<void> {
    let exited = false;
    void this.exited.then(() => (exited = true));
    while (!this.output.includes(text)) {
      if (exited || this.child.exitCode !== null) throw new Error(`exited before printing "${text}":\n${this.output}`);
      await new Promise<void>((resolve) => this.waiters.push(resolve));
    }
  }

  /** The JSON log lines printed so far. */
  logLines(): Record<string, unknown>[] {
    return this.output.split('\n').filter((l) => l.startsWith('{')).map((l) => JSON.parse(l) as Record<string, unknown>);
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

const work = tempDir('chat-api-package-');
after(() => rmSync(work, { recursive: true, force: true }));

describe('the package', () => {
  let tarball: string;
  let bin: string;

  before(async () => {
    const packed = await run('npm', ['pack', '--pack-destination', work]);
    assert.equal(packed.code, 0, packed.stderr);
    tarball = join(work, readdirSync(work).find((f) => f.endsWith('.tgz'))!);
  });

  it('npm pack builds dist/ and ships it with the bins and the docs, not the sources or tests', async () => {
    const listed = await run('tar', ['-tzf', tarball]);
    const files = new Set(listed.stdout.trim().split('\n'));
    for (const f of ['package/bin/chat-api.js', 'package/bin/chat.js', 'package/dist/main.js', 'package/dist/cli/main.js', 'package/README.md', 'package/docs/configuration.md']) {
      assert.ok(files.has(f), `${f} is in the tarball`);
    }
    assert.ok(![...files].some((f) => f.startsWith('package/src/') || f.startsWith('package/test/')), 'no sources or tests');
  });

  it('npm install -g of the tarball gives working chat-api and chat commands, without engine warnings', { timeout: 600_000 }, async () => {
    const prefix = join(work, 'prefix');
    // --prefer-offline: what `npm ci` fetched is in npm's cache already; the registry is asked only for what is not.
    const installed = await run('npm', ['install', '-g', '--prefer-offline', '--prefix', prefix, tarball]);
    assert.equal(installed.code, 0, installed.stderr);
    assert.doesNotMatch(installed.stdout + installed.stderr, /EBADENGINE/, 'every dependency supports this Node');
    bin = join(prefix, 'bin');
    assert.ok(existsSync(join(bin, 'chat-api')) && existsSync(join(bin, 'chat')));

    const env = { ...process.env, PATH: `${bin}:${process.env.PATH}`, CHAT_CONFIG_DIR: join(work, 'config'), LOG_LEVEL: 'info' };
    const help = await run('chat-api', ['--help'], { env, cwd: work });
    assert.equal(help.code, 0, help.stderr);
    assert.match(help.stdout, /chat-api serve \[options\]/);

    const port = await freePort();
    const server = new Served(spawn('chat-api', ['serve', '--port', String(port), '--data-dir', join(work, 'data')], { cwd: work, env, stdio: ['ignore', 'pipe', 'pipe'] }));
    await server.waitFor('chat-api listening on');
    try {
      const url = `http://127.0.0.1:${port}`;
      const chat = (args: string[], input?: string) => run('chat', ['--server', url, ...args], { env, cwd: work, input });
      for (const [args, input] of [
        [['register', 'pkg-alice', 'pkg-alice@example.com', '--password-stdin'], `${PASSWORD}\n`],
        [['login', 'pkg-alice', '--device', 'installed', '--password-stdin'], `${PASSWORD}\n`],
        [['send', 'pkg-alice', 'a note from the installed client'], undefined],
      ] as const) {
        const r = await chat([...args], input);
        assert.equal(r.code, 0, `chat ${args.join(' ')}: ${r.stderr}`);
      }
      const history = await chat(['history', 'pkg-alice', '--json']);
      assert.equal(history.code, 0, history.stderr);
      assert.deepEqual(json(history).messages.map((m: { body: string }) => m.body), ['a note from the installed client']);
    } finally {
      server.child.kill('SIGTERM');
    }
    assert.equal(await server.exited, 0, server.output);
    assert.equal(server.logLines().at(-1)?.msg, 'chat-api stopped');
  });

  it('`npm start -- --port N` serves, and SIGTERM to npm stops the server itself, which logs that it stopped', { timeout: 120_000 }, async () => {
    const port = await freePort();
    const npm = new Served(spawn('npm', ['start', '--', '--port', String(port), '--data-dir', join(work, 'start-data')], { cwd: ROOT, env: { ...NPM_ENV, LOG_LEVEL: 'info' }, stdio: ['ignore', 'pipe', 'pipe'] }));
    await npm.waitFor('chat-api listening on');
    const serverPid = npm.logLines().find((l) => l.msg === `chat-api listening on http://127.0.0.1:${port}`)?.pid as number;
    assert.ok(serverPid > 0 && serverPid !== npm.child.pid);
    assert.equal((await fetch(`http://127.0.0.1:${port}/healthz`)).status, 200);

    npm.child.kill('SIGTERM');
    await npm.exited;
    // npm waits for its script; the server must not outlive it as an orphan.
    assert.equal(alive(serverPid), false, `the server (pid ${serverPid}) stopped with npm`);
    assert.equal(npm.logLines().at(-1)?.msg, 'chat-api stopped');
  });
});
