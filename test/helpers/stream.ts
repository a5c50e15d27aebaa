// A WebSocket test client for /v1/stream: frames are queued as they arrive and
// awaited by predicate, so tests wait on events, never on time.
import WebSocket from 'ws';
import type { StreamEvent } from '../../src/sdk/index.js';

export interface TestStream {
  ws: WebSocket;
  /** Every frame received so far. */
  received: StreamEvent[];
  /** The next frame (after those already taken) that matches. */
  next(match?: (e: StreamEvent) => boolean, timeoutMs?: number): Promise<StreamEvent>;
  /** Resolves with the close code. */
  closed: Promise<{ code: number; reason: string }>;
  send(frame: unknown): void;
  close(): void;
}

export function openStream(
  baseUrl: string,
  options: { token?: string; since?: string; firstFrameToken?: string; origin?: string; headers?: Record<string, string>; autoPong?: boolean } = {},
): TestStream {
  const url = baseUrl.replace(/^http/, 'ws') + '/v1/stream' + (options.since ? `?since=${encodeURIComponent(options.since)}` : '');
  const headers: Record<string, string> = { ...options.headers };
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  if (options.origin) headers.origin = options.origin;
  const ws = new WebSocket(url, { headers, autoPong: options.autoPong ?? true });
  const received: StreamEvent[] = [];
  let taken = 0;
  let wake: (() => void) | null = null;
  ws.on('message', (data) => {
    received.push(JSON.parse(String(data)) as StreamEvent);
    wake?.();
  });
  if (options.firstFrameToken) ws.on('open', () => ws.send(JSON.stringify({ type: 'auth', token: options.firstFrameToken })));
  const closed = new Promise<{ code: number; reason: string }>((resolve) => {
    ws.on('close', (code, reason) => {
      resolve({ code, reason: String(reason) });
      wake?.();
    });
    ws.on('error', () => undefined);
  });

  return {
    ws,
    received,
    closed,
    send: (frame) => ws.send(JSON.stringify(frame)),
    close: () => ws.close(),
    async next(match = () => true, timeoutMs = 5_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        while (taken < received.length) {
          const e = received[taken++]!;
          if (match(e)) return e;
        }
        if (ws.readyState === WebSocket.CLOSED) throw new Error(`stream closed while waiting; got ${JSON.stringify(received)}`);
        const remaining = deadline - Date.now();
        if (remaining <= 0) throw new Error(`no matching frame within ${timeoutMs} ms; got ${JSON.stringify(received)}`);
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, remaining);
          wake = () => {
            clearTimeout(timer);
            wake = null;
            resolve();
          };
        });
      }
    },
  };
}

export const isType = <T extends StreamEvent['type']>(type: T) => (e: StreamEvent): e is Extract<StreamEvent, { type: T }> => e.type === type;
