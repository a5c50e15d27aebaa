// One open stream: its backlog-then-live ordering, its bounded send buffer and
// the frames its client sends.
import type { Duplex } from 'node:stream';
import type WebSocket from 'ws';
import type { StreamEvent } from '../../contract/index.js';
import { decodeCursor, encodeCursor } from '../../domain/cursor.js';
import type { BusMessage, Session } from '../../domain/ports.js';
import type { StreamSink } from '../../bus/hub.js';
import type { StreamMetrics } from '../metrics.js';
import type { Services } from '../services.js';
import { wireFrame } from './frame.js';
import { BACKLOG_PAGE, CLOSE, MAX_PENDING_EVENTS, TYPING_PER_WINDOW, TYPING_WINDOW_MS } from './codes.js';

/** Decoded once per event object too: every stream of the account compares it. */
const positions = new WeakMap<object, number>();
function positionOf(cursor: string, event: object): number {
  let position = positions.get(event);
  if (position === undefined) positions.set(event, (position = decodeCursor(cursor)));
  return position;
}

export interface ConnectionDeps {
  services: Services;
  metrics: StreamMetrics;
  bufferLimit: number;
  onClose(connection: StreamConnection): void;
}

export class StreamConnection implements StreamSink {
  readonly userId: string;
  readonly deviceId: string;
  alive = true;
  private live = false;
  private closed = false;
  private pending: StreamEvent[] = [];
  /** Position of the last feed event written: nothing at or before it is written again. */
  private position = 0;
  private typingWindowStart = 0;
  private typingCount = 0;

  constructor(
    readonly ws: WebSocket,
    /** The upgraded socket under `ws`: event frames are written to it whole (see wireFrame). */
    private socket: Duplex,
    readonly session: Session,
    private deps: ConnectionDeps,
  ) {
    this.userId = session.user.id;
    this.deviceId = session.device.id;
  }

  /**
   * Sends ready, then the backlog after `since` from the store, then what arrived
   * live meanwhile, skipping what the backlog already had. The caller added this
   * stream to the hub first, so nothing committed after the backlog read is missed.
   */
  async start(since: number | null): Promise<void> {
    const { sync } = this.deps.services;
    this.position = since ?? (await sync.head(this.session));
    this.write({ type: 'ready', cursor: encodeCursor(this.position) });
    if (since !== null) {
      for (;;) {
        const page = await this.deps.services.store.readEvents({ userId: this.userId, after: this.position, limit: BACKLOG_PAGE, now: this.deps.services.now() });
        for (const event of page.events) this.writeEvent(event);
        if (this.closed || !page.hasMore) break;
        await this.drained();
      }
    }
    if (this.closed) return;
    const queued = this.pending;
    this.pending = [];
    this.live = true;
    for (const event of queued) this.writeEvent(event);
  }

  deliver(message: BusMessage): void {
    if (this.closed || (message.deviceId !== undefined && message.deviceId !== this.deviceId)) return;
    if (message.event.type === 'device.revoked') {
      this.write(message.event);
      this.close(CLOSE.unauthorized, 'device revoked');
      return;
    }
    if (!this.live) {
      if (this.pending.length >= MAX_PENDING_EVENTS) return this.dropSlow();
      this.pending.push(message.event);
      return;
    }
    this.writeEvent(message.event);
  }

  /** A frame from the client. */
  async receive(data: string): Promise<void> {
    this.alive = true;
    let msg: { type?: unknown; conversationId?: unknown };
    try {
      msg = JSON.parse(data) as typeof msg;
    } catch {
      return; // not JSON: ignored, as unknown frames are
    }
    if (msg.type === 'ping') return this.write({ type: 'pong' });
    if (msg.type === 'typing' && typeof msg.conversationId === 'string' && this.typingAllowed()) {
      await this.deps.services.messaging.typing(this.session, msg.conversationId).catch(() => {
        // not a member, or gone: typing is best effort and tells the client nothing
      });
    }
  }

  /** Writes what is buffered, then closes with 1001 (server going away). */
  async shutdown(graceMs: number): Promise<void> {
    if (this.closed) return;
    const deadline = Date.now() + graceMs;
    while (this.ws.bufferedAmount > 0 && Date.now() < deadline && this.ws.readyState === this.ws.OPEN) {
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    this.close(CLOSE.goingAway, 'server going away');
  }

  close(code: number, reason: string): void {
    if (this.closed) return;
    this.closed = true;
    this.pending = [];
    this.ws.close(code, reason);
    // A peer that never answers the close frame must not hold its socket (and buffer) for long.
    setTimeout(() => this.ws.terminate(), 2_000).unref();
    this.deps.onClose(this);
  }

  /** The socket went away (closed by the peer, or terminated). */
  gone(): void {
    if (this.closed) return;
    this.closed = true;
    this.pending = [];
    this.deps.onClose(this);
  }

  private writeEvent(event: StreamEvent): void {
    if ('cursor' in event && event.type !== 'ready') {
      const position = positionOf(event.cursor, event);
      if (position <= this.position) return;
      this.position = position;
    }
    if (this.closed || this.ws.readyState !== this.ws.OPEN) return;
    if (this.ws.bufferedAmount > this.deps.bufferLimit) return this.dropSlow();
    this.socket.write(wireFrame(event));
    this.deps.metrics.delivered();
  }

  /** Frames other than feed events (ready, pong, device.revoked): few, through ws. */
  private write(event: StreamEvent): void {
    if (this.closed) return;
    if (this.ws.bufferedAmount > this.deps.bufferLimit) return this.dropSlow();
    this.ws.send(JSON.stringify(event));
    this.deps.metrics.delivered();
  }

  private dropSlow(): void {
    this.deps.metrics.droppedSlow();
    this.close(CLOSE.tooSlow, 'too slow: resume with since');
  }

  /** Resolves once the send buffer is below a quarter of its limit (or the stream closed). */
  private async drained(): Promise<void> {
    while (!this.closed && this.ws.readyState === this.ws.OPEN && this.ws.bufferedAmount > this.deps.bufferLimit / 4) {
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
  }

  private typingAllowed(): boolean {
    const now = Date.now();
    if (now - this.typingWindowStart > TYPING_WINDOW_MS) {
      this.typingWindowStart = now;
      this.typingCount = 0;
    }
    return ++this.typingCount <= TYPING_PER_WINDOW;
  }
}
