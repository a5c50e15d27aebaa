// A typed client for GET /v1/stream that reconnects with backoff and resumes
// from the last cursor it saw, so its caller sees every event once, in order.
// Authenticates with a first frame, which works in browsers and on Node.
import type { StreamEvent } from '../contract/index.js';
import { CloseCodes } from '../contract/values.js';

/** The part of the WebSocket API this client uses: the browser's, or the `ws` package's on Node 20. */
export interface WebSocketLike {
  readonly readyState: number;
  onopen: ((ev: unknown) => void) | null;
  onmessage: ((ev: { data: unknown }) => void) | null;
  onclose: ((ev: { code: number; reason: string }) => void) | null;
  onerror: ((ev: unknown) => void) | null;
  send(data: string): void;
  close(code?: number, reason?: string): void;
}
export type WebSocketConstructor = new (url: string) => WebSocketLike;
/** What callers may pass: the browser's WebSocket or the `ws` package's (its typings differ in detail, not in use). */
export type AnyWebSocketConstructor = WebSocketConstructor | (new (url: string, ...rest: never[]) => object);

export type StreamState = 'connecting' | 'open' | 'reconnecting' | 'closed' | 'unauthorized';

export interface StreamOptions {
  baseUrl: string;
  token: string;
  /** Resume after this cursor; without it the stream starts at "now". */
  since?: string;
  onEvent(event: StreamEvent): void;
  onState?(state: StreamState, detail?: { code?: number; retryInMs?: number }): void;
  /** Defaults to the global WebSocket (browsers, Node >= 22); pass `ws`'s WebSocket on Node 20. */
  WebSocket?: AnyWebSocketConstructor;
  backoff?: { initialMs?: number; maxMs?: number };
}

export class ChatStream {
  /** The last cursor seen: where a reconnect resumes. */
  cursor: string | undefined;
  private ws: WebSocketLike | null = null;
  private stopped = false;
  private attempt = 0;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private readonly WS: WebSocketConstructor;

  constructor(private options: StreamOptions) {
    this.cursor = options.since;
    const ctor = (options.WebSocket ?? (globalThis as { WebSocket?: AnyWebSocketConstructor }).WebSocket) as WebSocketConstructor | undefined;
    if (!ctor) throw new Error('No WebSocket implementation: pass options.WebSocket (the ws package on Node 20)');
    this.WS = ctor;
  }

  start(): this {
    this.stopped = false;
    this.connect();
    return this;
  }

  /** Closes for good: no reconnect. */
  close(): void {
    this.stopped = true;
    clearTimeout(this.timer);
    this.ws?.close(1000, 'client closed');
    this.ws = null;
    this.options.onState?.('closed');
  }

  typing(conversationId: string): void {
    this.sendFrame({ type: 'typing', conversationId });
  }

  ping(): void {
    this.sendFrame({ type: 'ping' });
  }

  private sendFrame(frame: object): void {
    if (this.ws && this.ws.readyState === 1) this.ws.send(JSON.stringify(frame));
  }

  private connect(): void {
    const base = this.options.baseUrl.replace(/^http/, 'ws').replace(/\/+$/, '');
    const url = `${base}/v1/stream${this.cursor ? `?since=${encodeURIComponent(this.cursor)}` : ''}`;
    this.options.onState?.(this.attempt === 0 ? 'connecting' : 'reconnecting');
    const ws = new this.WS(url);
    this.ws = ws;
    let revoked = false;
    ws.onopen = () => ws.send(JSON.stringify({ type: 'auth', token: this.options.token }));
    ws.onmessage = (ev) => {
      const event = JSON.parse(String(ev.data)) as StreamEvent;
      if (event.type === 'ready') {
        this.attempt = 0;
        this.cursor ??= event.cursor;
        this.options.onState?.('open');
        return;
      }
      if ('cursor' in event) this.cursor = event.cursor;
      if (event.type === 'device.revoked') revoked = true;
      this.options.onEvent(event);
    };
    ws.onerror = () => undefined; // onclose follows and decides
    ws.onclose = (ev) => {
      if (this.ws !== ws) return;
      this.ws = null;
      if (this.stopped) return;
      if (revoked || ev.code === CloseCodes.unauthorized) {
        this.stopped = true;
        this.options.onState?.('unauthorized', { code: ev.code });
        return;
      }
      this.scheduleReconnect(ev.code);
    };
  }

  private scheduleReconnect(code: number): void {
    const { initialMs = 500, maxMs = 30_000 } = this.options.backoff ?? {};
    // A reader dropped for being slow resumes at once; anything else backs off, with jitter.
    const delay = code === CloseCodes.tooSlow && this.attempt === 0 ? 0 : Math.min(maxMs, initialMs * 2 ** this.attempt) * (0.5 + Math.random() / 2);
    this.attempt++;
    this.options.onState?.('reconnecting', { code, retryInMs: Math.round(delay) });
    this.timer = setTimeout(() => this.connect(), delay);
  }
}
