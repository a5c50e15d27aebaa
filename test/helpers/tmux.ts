// Runs the real `chat` terminal UI inside tmux: keys go in with send-keys, the
// screen comes back with capture-pane. Each terminal has its own tmux server
// (its own socket), so the environment is the test's and nothing touches the
// tmux of whoever runs the tests. Waits poll the screen until a deadline,
// never sleep for a fixed time.
import { execFile, spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);
const CLI = fileURLToPath(new URL('../../src/cli/main.ts', import.meta.url));
const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** tmux must be there (CI installs it): a test that needs it fails without it rather than skip. */
export function tmuxVersion(): string {
  const r = spawnSync('tmux', ['-V'], { encoding: 'utf8' });
  if (r.error || r.status !== 0) throw new Error('tmux is not installed; the interactive tests drive the terminal UI through it (apt-get install tmux)');
  return r.stdout.trim();
}

const quote = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;

let counter = 0;

export interface TmuxChatOptions {
  server: string;
  configDir: string;
  args?: string[];
  columns?: number;
  rows?: number;
}

export class TmuxChat {
  readonly name: string;
  private readonly socket: string;
  private readonly env: NodeJS.ProcessEnv;

  constructor(private options: TmuxChatOptions) {
    counter++;
    this.name = `chat-${process.pid}-${counter}`;
    this.socket = `chat-test-${process.pid}-${counter}`;
    // A UTF-8 locale and a terminal type, whatever the test runner had (CI may have neither).
    this.env = { ...process.env, TERM: process.env.TERM || 'xterm-256color', LANG: 'C.UTF-8', LC_ALL: 'C.UTF-8' };
  }

  /**
   * Starts `chat ARGS --server URL` in a fresh pane. The shell around it reports
   * the exit code (EXIT=n) and whether the terminal's modes came back as they
   * were (TTY=restored), then lingers so the pane can still be read.
   */
  async start(): Promise<void> {
    const { server, configDir, args = [], columns = 120, rows = 40 } = this.options;
    const chat = ['env', `CHAT_CONFIG_DIR=${configDir}`, 'TZ=UTC', process.execPath, '--import', 'tsx', CLI, ...args, '--server', server].map(quote).join(' ');
    const script = `cd ${quote(ROOT)}; before=$(stty -g); ${chat}; code=$?; after=$(stty -g); if [ "$before" = "$after" ]; then echo TTY=restored; else echo TTY=changed; fi; echo EXIT=$code; sleep 60`;
    await this.tmux('new-session', '-d', '-s', this.name, '-x', String(columns), '-y', String(rows), `sh -c ${quote(script)}`);
  }

  async screen(): Promise<string> {
    const { stdout } = await this.tmux('capture-pane', '-p', '-t', this.name);
    return stdout;
  }

  /** Waits until the screen matches; fails with the last screen seen. */
  async waitFor(match: string | RegExp | ((screen: string) => boolean), timeoutMs = 15_000): Promise<string> {
    const test = typeof match === 'function' ? match : (s: string) => (typeof match === 'string' ? s.includes(match) : match.test(s));
    const deadline = Date.now() + timeoutMs;
    let last = '';
    for (;;) {
      last = await this.screen();
      if (test(last)) return last;
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${String(match)} on the screen:\n${last}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  /** Named keys, as tmux spells them: Enter, Escape, Up, PPage, C-n, C-c, F2… */
  async keys(...keys: string[]): Promise<void> {
    await this.tmux('send-keys', '-t', this.name, ...keys);
  }

  /** Literal text, typed as is. */
  async type(text: string): Promise<void> {
    await this.tmux('send-keys', '-t', this.name, '-l', text);
  }

  async resize(columns: number, rows: number): Promise<void> {
    await this.tmux('resize-window', '-t', this.name, '-x', String(columns), '-y', String(rows));
  }

  /** A tmux format for the pane, e.g. #{alternate_on}. */
  async display(format: string): Promise<string> {
    const { stdout } = await this.tmux('display-message', '-p', '-t', this.name, format);
    return stdout.trim();
  }

  /** Ends the tmux server (and so the pane and anything left in it), and removes its socket. */
  async kill(): Promise<void> {
    await this.tmux('kill-server').catch(() => undefined);
    rmSync(join(process.env.TMUX_TMPDIR || '/tmp', `tmux-${process.getuid?.() ?? 0}`, this.socket), { force: true });
  }

  private tmux(...args: string[]) {
    return run('tmux', ['-u', '-L', this.socket, ...args], { env: this.env });
  }
}
