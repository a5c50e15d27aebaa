// What every command gets: the server, the output, the session file, the
// terminal, and SDK clients bound to the stored session.
import { ChatApiError, ChatClient } from '../sdk/index.js';
import { CliError } from './errors.js';
import { Output } from './output.js';
import type { PromptIo } from './prompt.js';
import { SessionFile, type StoredSession } from './session-file.js';

export class Context {
  /** The token of the stored session a command is using; a 401 on it ends that session. */
  usedToken: string | undefined;

  constructor(
    readonly server: string,
    readonly out: Output,
    readonly sessions: SessionFile,
    readonly io: PromptIo,
  ) {}

  client(token?: string): ChatClient {
    return new ChatClient({ baseUrl: this.server, token });
  }

  /** The stored session for this server and a client holding its token; fails when there is none. */
  signedIn(): { session: StoredSession; client: ChatClient } {
    const session = this.sessions.get(this.server);
    if (!session) throw new CliError(`not signed in to ${this.server}; sign in with: chat login NAME_OR_EMAIL`, 'not_signed_in');
    this.usedToken = session.token;
    return { session, client: this.client(session.token) };
  }

  /**
   * Whether the server answers at all (GET /healthz, no retries): "not signed in"
   * is the wrong thing to tell someone whose server is down or mistyped.
   */
  async reachable(): Promise<boolean> {
    const probe = new ChatClient({ baseUrl: this.server, retries: 0, timeoutMs: 5_000 });
    return probe.call({ method: 'GET', path: '/healthz', idempotent: true }).then(
      () => true,
      (err: unknown) => !(err instanceof ChatApiError && err.status === 0),
    );
  }

  /** Forgets the stored session if it is still the one in use (after the server refused it). */
  forgetUsedSession(): void {
    if (this.usedToken) this.sessions.delete(this.server, this.usedToken);
  }
}
