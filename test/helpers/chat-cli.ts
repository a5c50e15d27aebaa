// Runs the real `chat` terminal client as a child process (node --import tsx
// src/cli/main.ts), each "terminal" with its own config dir, against a test server.
import { spawn, spawnSync, type ChildProcessByStdio } from 'node:child_process';
import { once } from 'node:events';
import { rmSync } from 'node:fs';
import type { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { SessionFile, type StoredSession } from '../../src/cli/session-file.js';
import { tempDir, type TestServer } from './server.js';

const CLI = fileURLToPath(new URL('../../src/cli/main.ts', import.meta.url));

// Config dirs hold throwaway tokens of throwaway servers; gone with the test process.
const configDirs: string[] = [];
process.on('exit', () => {
  for (const dir of configDirs) rmSync(dir, { recursive: true, force: true });
});

export interface ChatResult {
  code: number | null;
  stdout: string;
  stderr: string;
  /** stdout parsed as one JSON document. */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the documents' shapes are what the tests check
  json(): any;
}

export interface RunOptions {
  /** Written to stdin, which is then closed (for --password-stdin). */
  input?: string;
  env?: Record<string, string>;
}

/** Where the child sees its times (UTC, so lines are predictable) and its server and session file. */
function childEnv(server: string, configDir: string, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return { ...process.env, CHAT_SERVER: server, CHAT_CONFIG_DIR: configDir, TZ: 'UTC', ...extra };
}

/** One person's terminal: a server URL and a config directory of their own. */
export class Terminal {
  readonly sessions: SessionFile;

  constructor(
    readonly server: string,
    readonly configDir: string = tempDir('chat-cli-'),
  ) {
    configDirs.push(configDir);
    this.sessions = new SessionFile(configDir);
  }

  run(args: string[], options: RunOptions = {}): Promise<ChatResult> {
    return runChat(args, childEnv(this.server, this.configDir, options.env), options.input);
  }

  /** Starts a long-running command (watch) whose output is read line by line. */
  spawn(args: string[]): LiveChat {
    return new LiveChat(args, childEnv(this.server, this.configDir));
  }

  session(): StoredSession | undefined {
    return this.sessions.get(this.server);
  }
}

export async function runChat(args: string[], env: NodeJS.ProcessEnv, input?: string): Promise<ChatResult> {
  const child = spawn(process.execPath, ['--import', 'tsx', CLI, ...args], { env, stdio: [input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (c: Buffer) => (stdout += c.toString()));
  child.stderr!.on('data', (c: Buffer) => (stderr += c.toString()));
  if (input !== undefined) child.stdin!.end(input);
  const [code] = (await once(child, 'exit')) as [number | null];
  return {
    code,
    stdout,
    stderr,
    json() {
      try {
        return JSON.parse(stdout);
      } catch {
        throw new Error(`stdout is not one JSON document:\n${stdout}\nstderr:\n${stderr}`);
      }
    },
  };
}

/** A running `chat` whose stdout and stderr lines are awaited by predicate, never by time. */
export class LiveChat {
  readonly lines: { stdout: string[]; stderr: string[] } = { stdout: [], stderr: [] };
  readonly exited: Promise<number | null>;
  private readonly child: ChildProcessByStdio<null, Readable, Readable>;
  private waiters: (() => void)[] = [];
  private done = false;

  constructor(args: string[], env: NodeJS.ProcessEnv) {
    this.child = spawn(process.execPath, ['--import', 'tsx', CLI, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    for (const name of ['stdout', 'stderr'] as const) {
      let partial = '';
      this.child[name].on('data', (chunk: Buffer) => {
        const parts = (partial + chunk.toString()).split('\n');
        partial = parts.pop()!;
        this.lines[name].push(...parts);
        this.wake();
      });
    }
    this.exited = once(this.child, 'exit').then(([code]) => {
      this.done = true;
      this.wake();
      return code as number | null;
    });
  }

  /** The first line of `stream` that matches; fails if the process exits first. */
  waitFor(stream: 'stdout' | 'stderr', match: (line: string) => boolean): Promise<string> {
    return new Promise((resolve, reject) => {
      const check = () => {
        const found = this.lines[stream].find(match);
        if (found !== undefined) return resolve(found);
        if (this.done) return reject(new Error(`chat exited before printing the line; stdout:\n${this.lines.stdout.join('\n')}\nstderr:\n${this.lines.stderr.join('\n')}`));
        this.waiters.push(check);
      };
      check();
    });
  }

  kill(signal: NodeJS.Signals): void {
    this.child.kill(signal);
  }

  private wake(): void {
    const waiting = this.waiters;
    this.waiters = [];
    for (const w of waiting) w();
  }
}

/** Registers and signs in `name` through the SDK, and stores that session in a fresh terminal's session file. */
export async function signedInTerminal(t: TestServer, name: string, deviceName = 'cli') {
  const client = await t.user(name, deviceName);
  const terminal = new Terminal(t.url);
  terminal.sessions.set(t.url, {
    token: client.token!,
    user: { id: client.userId, name },
    device: { id: client.deviceId, name: deviceName },
    signedInAt: new Date().toISOString(),
  });
  return { terminal, client };
}

/** `script` (util-linux) gives a child a real terminal, for the password prompt and the interactive hook. */
export const hasScript = process.platform === 'linux' && spawnSync('script', ['--version']).status === 0;

/** Runs `chat` on a pseudo-terminal; `answer(output)` is called on each output chunk and returns what to type, if anything. */
export async function runOnTerminal(args: string[], env: NodeJS.ProcessEnv, answer: (output: string) => string | undefined = () => undefined): Promise<{ code: number | null; output: string }> {
  // `exec`: script(1) runs the command through $SHELL or /bin/sh, and dash would
  // otherwise stay as the parent in the terminal's process group, die of a SIGINT
  // meant for chat and make the exit code 130 whatever chat did.
  const command = 'exec ' + [process.execPath, '--import', 'tsx', CLI, ...args].map((a) => `'${a.replace(/'/g, `'\\''`)}'`).join(' ');
  const child = spawn('script', ['-qec', command, '/dev/null'], { env, stdio: ['pipe', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => {
    output += chunk.toString();
    const typed = answer(output);
    if (typed !== undefined) child.stdin.write(typed);
  });
  const [code] = (await once(child, 'exit')) as [number | null];
  return { code, output };
}

export { childEnv };
