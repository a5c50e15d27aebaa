// One open stream: its backlog-then-live ordering, the gaps it fills from the
// store, its bounded send buffer and the frames its client sends.
import type { Duplex } from 'node:stream';
import type WebSocket from 'ws';
import { CloseCodes as CLOSE, StreamLimits, type ClientFrame, type StreamEvent } from '../../contract/index.js';
import { decodeCursor, encodeCursor } from '../../domain/cursor.js';
import type { BusMessage, Session } from '../../domain/ports/index.js';
import type { StreamSink } from '../../bus/hub.js';
import type { StreamMetrics } from '../metrics.js';
import type { Services } from '../services.js';

/** Events held for a stream while its backlog is read from the store. */
const MAX_PENDING_EVENTS = 10_000;
/** Backlog is read from the store in pages of this many events. */
const BACKLOG_PAGE = 500;
/** A peer that never answers the close frame must not hold its socket (and buffer) for long. */
const CLOSE_HANDSHAKE_MS = 2_000;

/**
 * Each feed event is serialized once however many streams it goes to; ws then
 * frames the same bytes for each socket.
 */
const serialized = new WeakMap<object, Buffer>();
function bytesOf(event: StreamEvent): Buffer {
  let bytes = serialized.get(event);
  if (bytes === undefined) serialized.set(event, (bytes = Buffer.from(JSON.stringify(event))));
  return bytes;
}

/** Decoded once per event object too: every stream of the account compares it. */
const positions = new WeakMap<object, number>();
function positionOf(cursor: string, event: object): number {
  let position = positions.get(event);
  if (position === undefined) positions.set(event, (position = decodeCursor(cursor)));
  return position;
}

/** A feed event's position in its account's feed; undefined for live-only frames. */
function feedPosition(event: StreamEvent): number | undefined {
  return 'cursor' in event && event.type !== 'ready' ? positionOf(event.cursor, event) : undefined;
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
  /** The bus said it may have lost messages: read the feed before going live again. */
  private gapSuspected = false;
  private pending: StreamEvent[] = [];
  /** Position of the last feed event written: nothing at or before it is written again. */
  private position = 0;
  private typingWindowStart = 0;
  private typingCount = 0;

  constructor(
    readonly ws: WebSocket,
    /** The upgraded socket under `ws`: only read for its 'drain' event, never written. */
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
    if (since !== null) await this.readFeed(undefined);
    if (this.closed) return;
    await this.catchUp();
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
    const position = feedPosition(message.event);
    if (position !== undefined && position > this.position + 1) {
      // The account's feed is numbered without gaps, so one or more events never
      // came (the bus may lose them) or are late: read them from the store first.
      this.live = false;
      this.pending.push(message.event);
      this.catchUp().catch(() => this.close(CLOSE.goingAway, 'try again'));
      return;
    }
    this.writeEvent(message.event);
  }

  mayHaveMissed(): void {
    if (this.closed) return;
    this.gapSuspected = true;
    if (!this.live) return; // the backlog or catch-up under way reads the feed before it goes live
    this.live = false;
    this.catchUp().catch(() => this.close(CLOSE.goingAway, 'try again'));
  }

  /** A frame from the client, already checked against the contract. Never throws. */
  receive(frame: ClientFrame): void {
    this.alive = true;
    if (frame.type === 'ping') return this.write({ type: 'pong' });
    if (frame.type === 'typing' && this.typingAllowed()) {
      this.deps.services.messaging.typing(this.session, frame.conversationId).catch(() => {
        // not a member, or gone: typing is best effort and tells the client nothing
      });
    }
    // a second auth frame changes nothing
  }

  /**
   * Lets what is buffered go out (for at most graceMs), then closes with 1001
   * (server going away); the close frame follows the last event on the socket.
   */
  async shutdown(graceMs: number): Promise<void> {
    if (this.closed) return;
    if (this.ws.bufferedAmount > 0 && this.ws.readyState === this.ws.OPEN) {
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([this.drained(0), new Promise((resolve) => (timer = setTimeout(resolve, graceMs)))]);
      clearTimeout(timer);
    }
    this.close(CLOSE.goingAway, 'server going away');
  }

  close(code: number, reason: string): void {
    if (this.closed) return;
    this.closed = true;
    this.pending = [];
    this.ws.close(code, reason);
    setTimeout(() => this.ws.terminate(), CLOSE_HANDSHAKE_MS).unref();
    this.deps.onClose(this);
  }

  /** The socket went away (closed by the peer, or terminated). */
  gone(): void {
    if (this.closed) return;
    this.closed = true;
    this.pending = [];
    this.deps.onClose(this);
  }

  /**
   * Writes the queued events in order, each gap before one read from the feed
   * first, and the feed after the last position when the bus said it may have
   * lost messages; then the stream is live.
   */
  private async catchUp(): Promise<void> {
    for (;;) {
      while (!this.closed && this.pending.length) {
        const event = this.pending.shift()!;
        const position = feedPosition(event);
        if (position !== undefined && position > this.position + 1) await this.readFeed(position);
        this.writeEvent(event);
      }
      if (this.closed || !this.gapSuspected) break;
      this.gapSuspected = false;
      await this.readFeed(undefined);
    }
    if (!this.closed) this.live = true;
  }

  /** Writes the account's events after the last one written (and before `before`, if given), page by page. */
  private async readFeed(before: number | undefined): Promise<void> {
    for (;;) {
      const query = { userId: this.userId, after: this.position, before, limit: BACKLOG_PAGE, now: this.deps.services.now() };
      const page = await this.deps.services.store.feed.read(query);
      for (const event of page.events) this.writeEvent(event);
      if (this.closed || !page.hasMore) break;
      await this.drained(this.deps.bufferLimit / 4);
    }
  }

  private writeEvent(event: StreamEvent): void {
    const position = feedPosition(event);
    if (position !== undefined) {
      if (position <= this.position) return;
      this.position = position;
    }
    if (this.closed || this.ws.readyState !== this.ws.OPEN) return;
    if (this.ws.bufferedAmount > this.deps.bufferLimit) return this.dropSlow();
    this.ws.send(bytesOf(event), { binary: false });
    this.deps.metrics.delivered();
  }

  /** Frames other than feed events (ready, pong, device.revoked). */
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

  /**
   * Resolves once the send buffer holds at most `threshold` bytes, or the stream
   * closed. The socket emits 'drain' only after a write found it above its high
   * water mark, so that is the least this can wait for.
   */
  private async drained(threshold: number): Promise<void> {
    const limit = Math.max(threshold, this.socket.writableHighWaterMark);
    while (!this.closed && this.ws.readyState === this.ws.OPEN && this.ws.bufferedAmount > limit) {
      await new Promise<void>((resolve) => {
        const done = () => {
          this.socket.off('drain', done);
          this.ws.off('close', done);
          resolve();
        };
        this.socket.on('drain', done);
        this.ws.on('close', done);
      });
    }
  }

  private typingAllowed(): boolean {
    const now = this.deps.services.now();
    if (now - this.typingWindowStart > StreamLimits.typingWindowMs) {
      this.typingWindowStart = now;
      this.typingCount = 0;
    }
    return ++this.typingCount <= StreamLimits.typingPerWindow;
  }
}
