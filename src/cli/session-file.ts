// session.json: one signed-in session per server URL, so one config directory
// can hold accounts on several servers. Holds bearer tokens, so the directory
// is 0700 and the file 0600, and the file is replaced atomically (write a
// private temp file, then rename) so a crash never leaves half a file.
import { chmodSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { CliError } from './errors.js';

export interface StoredSession {
  token: string;
  user: { id: string; name: string };
  device: { id: string; name: string };
  signedInAt: string;
  /** Where `chat inbox` continues: the sync cursor after the last message it showed. */
  inboxCursor?: string;
}

interface FileShape {
  version: 1;
  servers: Record<string, StoredSession>;
}

export const SESSION_FILE = 'session.json';

export class SessionFile {
  readonly path: string;

  constructor(readonly dir: string) {
    this.path = join(dir, SESSION_FILE);
  }

  get(server: string): StoredSession | undefined {
    return this.read().servers[server];
  }

  set(server: string, session: StoredSession): void {
    const data = this.read();
    data.servers[server] = session;
    this.write(data);
  }

  /** Changes the stored session only if it is still the one holding `token` (another `chat` may have signed in meanwhile). */
  update(server: string, token: string, change: Partial<StoredSession>): void {
    const data = this.read();
    const current = data.servers[server];
    if (!current || current.token !== token) return;
    data.servers[server] = { ...current, ...change };
    this.write(data);
  }

  /** Forgets the session of `server`; with `token`, only if it is still that one. */
  delete(server: string, token?: string): void {
    const data = this.read();
    const current = data.servers[server];
    if (!current || (token !== undefined && current.token !== token)) return;
    delete data.servers[server];
    this.write(data);
  }

  private read(): FileShape {
    let text: string;
    try {
      text = readFileSync(this.path, 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { version: 1, servers: {} };
      throw new CliError(`cannot read ${this.path}: ${(err as Error).message}`, 'session_file');
    }
    try {
      const data = JSON.parse(text) as Partial<FileShape>;
      if (typeof data !== 'object' || data === null || typeof data.servers !== 'object' || data.servers === null) throw new Error('unexpected shape');
      return { version: 1, servers: data.servers };
    } catch {
      throw new CliError(`${this.path} is damaged; delete it and sign in again`, 'session_file');
    }
  }

  private write(data: FileShape): void {
    try {
      mkdirSync(this.dir, { recursive: true, mode: 0o700 });
      const temp = join(this.dir, `.${SESSION_FILE}.${process.pid}.${randomBytes(4).toString('hex')}`);
      try {
        writeFileSync(temp, JSON.stringify(data, null, 2) + '\n', { mode: 0o600, flag: 'wx' });
        chmodSync(temp, 0o600); // in case a umask or an inherited ACL widened it
        renameSync(temp, this.path);
      } finally {
        rmSync(temp, { force: true });
      }
    } catch (err) {
      throw new CliError(`cannot write ${this.path}: ${(err as Error).message}`, 'session_file');
    }
  }
}
