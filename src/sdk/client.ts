// A typed client for every v1 call. Types come from src/contract (type-only
// imports) and values from its plain values file, so the SDK cannot drift from
// the server and bundles without the schema library.
// Works on Node >= 20 and in browsers (global fetch).
import type {
  Conversation, ConversationAnswer, ConversationsAnswer, Device, DeviceAnswer, DevicesAnswer, HistoryAnswer, LoginAnswer, MeAnswer,
  Message, MessageAnswer, SyncAnswer, User, UserAnswer, UsersAnswer,
} from '../contract/index.js';
import { ErrorCodes, type ErrorCode } from '../contract/values.js';
import { ChatApiError } from './errors.js';
import { ChatStream, type StreamOptions } from './stream.js';

export interface ClientOptions {
  baseUrl: string;
  token?: string | null;
  /** How often a call that is safe to repeat is retried after a network error or a 503 (default 2). */
  retries?: number;
  fetch?: typeof fetch;
  /** A call that has no answer after this long fails (and a safe one is retried); default 30 s. */
  timeoutMs?: number;
}

type Method = 'GET' | 'POST' | 'PATCH' | 'DELETE';

interface Call {
  method: Method;
  path: string;
  body?: unknown;
  query?: Record<string, string | number | undefined>;
  /** Repeating it cannot do anything twice. */
  idempotent: boolean;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A random clientId. Browsers offer randomUUID only on https and localhost; getRandomValues everywhere. */
export function newClientId(): string {
  const c = globalThis.crypto;
  if (typeof c.randomUUID === 'function') return c.randomUUID();
  return Array.from(c.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, '0')).join('');
}

export class ChatClient {
  readonly baseUrl: string;
  token: string | null;
  private retries: number;
  private fetchFn: typeof fetch;
  private timeoutMs: number;

  constructor(options: ClientOptions) {
    this.baseUrl = options.baseUrl.replace(/\/+$/, '');
    this.token = options.token ?? null;
    this.retries = options.retries ?? 2;
    this.fetchFn = options.fetch ?? globalThis.fetch.bind(globalThis);
    this.timeoutMs = options.timeoutMs ?? 30_000;
  }

  // accounts and sessions
  register(input: { name: string; email: string; password: string }): Promise<User> {
    return this.call<UserAnswer>({ method: 'POST', path: '/v1/accounts', body: input, idempotent: false }).then((a) => a.user);
  }
  /** Signs in (a new device) and keeps the token for the calls that follow. */
  async login(input: { login: string; password: string; deviceName: string }): Promise<LoginAnswer> {
    const answer = await this.call<LoginAnswer>({ method: 'POST', path: '/v1/sessions', body: input, idempotent: false });
    this.token = answer.token;
    return answer;
  }
  async logout(): Promise<void> {
    await this.call({ method: 'DELETE', path: '/v1/sessions/current', idempotent: false });
    this.token = null;
  }
  me(): Promise<MeAnswer> {
    return this.call<MeAnswer>({ method: 'GET', path: '/v1/me', idempotent: true });
  }
  updateMe(change: { email?: string; password?: string; currentPassword: string }): Promise<User> {
    return this.call<UserAnswer>({ method: 'PATCH', path: '/v1/me', body: change, idempotent: false }).then((a) => a.user);
  }
  async deleteAccount(password: string): Promise<void> {
    await this.call({ method: 'DELETE', path: '/v1/me', body: { password }, idempotent: false });
    this.token = null;
  }

  // devices and users
  devices(): Promise<Device[]> {
    return this.call<DevicesAnswer>({ method: 'GET', path: '/v1/devices', idempotent: true }).then((a) => a.devices);
  }
  renameDevice(id: string, name: string): Promise<Device> {
    return this.call<DeviceAnswer>({ method: 'PATCH', path: `/v1/devices/${enc(id)}`, body: { name }, idempotent: true }).then((a) => a.device);
  }
  async revokeDevice(id: string): Promise<void> {
    await this.call({ method: 'DELETE', path: `/v1/devices/${enc(id)}`, idempotent: false });
  }
  searchUsers(q: string, limit?: number): Promise<User[]> {
    return this.call<UsersAnswer>({ method: 'GET', path: '/v1/users', query: { q, limit }, idempotent: true }).then((a) => a.users);
  }

  // messages and conversations
  /**
   * Sends a message. A clientId is generated when none is given, so a retry
   * after a lost answer stores the message once. `created` is false when the
   * server already had it.
   */
  async send(input: ({ to: string } | { conversationId: string }) & { body: string; clientId?: string }): Promise<Message & { created?: boolean }> {
    const body = { ...input, clientId: input.clientId ?? newClientId() };
    const { answer, status } = await this.callWithStatus<MessageAnswer>({ method: 'POST', path: '/v1/messages', body, idempotent: true });
    return Object.assign(answer.message, { created: status === 201 });
  }
  async deleteMessage(id: string): Promise<void> {
    await this.call({ method: 'DELETE', path: `/v1/messages/${enc(id)}`, idempotent: false });
  }
  conversations(): Promise<Conversation[]> {
    return this.call<ConversationsAnswer>({ method: 'GET', path: '/v1/conversations', idempotent: true }).then((a) => a.conversations);
  }
  createGroup(title: string, members: string[]): Promise<Conversation> {
    return this.call<ConversationAnswer>({ method: 'POST', path: '/v1/conversations', body: { title, members }, idempotent: false }).then((a) => a.conversation);
  }
  /** Renames a group (any member may). */
  renameGroup(conversationId: string, title: string): Promise<Conversation> {
    return this.call<ConversationAnswer>({ method: 'PATCH', path: `/v1/conversations/${enc(conversationId)}`, body: { title }, idempotent: true }).then((a) => a.conversation);
  }
  addMember(conversationId: string, name: string): Promise<Conversation> {
    return this.call<ConversationAnswer>({ method: 'POST', path: `/v1/conversations/${enc(conversationId)}/members`, body: { name }, idempotent: true }).then((a) => a.conversation);
  }
  async removeMember(conversationId: string, userId: string): Promise<void> {
    await this.call({ method: 'DELETE', path: `/v1/conversations/${enc(conversationId)}/members/${enc(userId)}`, idempotent: false });
  }
  history(conversationId: string, options: { before?: string; limit?: number } = {}): Promise<HistoryAnswer> {
    return this.call<HistoryAnswer>({ method: 'GET', path: `/v1/conversations/${enc(conversationId)}/messages`, query: options, idempotent: true });
  }
  async markRead(conversationId: string, messageId: string): Promise<void> {
    await this.call({ method: 'POST', path: `/v1/conversations/${enc(conversationId)}/read`, body: { messageId }, idempotent: true });
  }
  sync(options: { since?: string; limit?: number } = {}): Promise<SyncAnswer> {
    return this.call<SyncAnswer>({ method: 'GET', path: '/v1/sync', query: options, idempotent: true });
  }

  /** Opens the live stream with this client's token; it reconnects and resumes on its own. */
  stream(options: Omit<StreamOptions, 'baseUrl' | 'token'>): ChatStream {
    if (!this.token) throw new ChatApiError(401, 'unauthorized', 'Sign in before opening the stream');
    return new ChatStream({ ...options, baseUrl: this.baseUrl, token: this.token }).start();
  }

  // plumbing
  async call<T = void>(call: Call): Promise<T> {
    return (await this.callWithStatus<T>(call)).answer;
  }

  private async callWithStatus<T>(call: Call): Promise<{ answer: T; status: number }> {
    let url = this.baseUrl + call.path;
    const params = Object.entries(call.query ?? {}).filter(([, v]) => v !== undefined);
    if (params.length) url += '?' + new URLSearchParams(params.map(([k, v]) => [k, String(v)])).toString();
    const headers: Record<string, string> = { accept: 'application/json' };
    if (this.token) headers.authorization = `Bearer ${this.token}`;
    if (call.body !== undefined) headers['content-type'] = 'application/json';
    const init: RequestInit = { method: call.method, headers, body: call.body === undefined ? undefined : JSON.stringify(call.body) };

    for (let attempt = 0; ; attempt++) {
      let response: Response;
      try {
        response = await this.fetchFn(url, { ...init, signal: AbortSignal.timeout(this.timeoutMs) });
      } catch (err) {
        if (call.idempotent && attempt < this.retries) {
          await sleep(100 * 2 ** attempt);
          continue;
        }
        throw new ChatApiError(0, 'network_error', `Cannot reach ${this.baseUrl}: ${(err as Error).message}`);
      }
      if (response.status === 503 && call.idempotent && attempt < this.retries) {
        await sleep(100 * 2 ** attempt);
        continue;
      }
      const text = await response.text();
      if (!response.ok) throw toError(response, text);
      return { answer: (text ? JSON.parse(text) : undefined) as T, status: response.status };
    }
  }
}

function enc(s: string): string {
  return encodeURIComponent(s);
}

const isErrorCode = (code: string): code is ErrorCode => (ErrorCodes as readonly string[]).includes(code);

/** The API's error answer; anything else (a proxy's page, a code this SDK does not know) is http_error. */
function toError(response: Response, text: string): ChatApiError {
  const retryAfter = response.headers.get('retry-after');
  try {
    const body = JSON.parse(text) as { error?: { code?: string; message?: string; details?: { field: string; message: string }[] } };
    const code = body.error?.code;
    if (code && isErrorCode(code)) {
      return new ChatApiError(response.status, code, body.error!.message ?? response.statusText, body.error!.details, retryAfter ? Number(retryAfter) : undefined);
    }
  } catch {
    // not JSON: fall through
  }
  return new ChatApiError(response.status, 'http_error', `HTTP ${response.status} ${response.statusText}`);
}
