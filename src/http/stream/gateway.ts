// GET /v1/stream: the WebSocket gateway. Checks the Origin before the upgrade,
// authenticates by header or first frame, then hands the socket to a
// StreamConnection registered in this process's hub.
//
// No frame may stop the process: the socket has an error listener before the
// upgrade, the WebSocket one from the moment it exists (ws closes the stream
// with 1002/1007/1009 on a protocol error and then emits 'error'), and every
// client frame is checked against the contract before anything reads it.
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';
import type { FastifyBaseLogger } from 'fastify';
import { CloseCodes, StreamLimits, type ClientFrame } from '../../contract/index.js';
import { decodeCursor } from '../../domain/cursor.js';
import type { Session } from '../../domain/ports/index.js';
import type { Hub } from '../../bus/hub.js';
import { bearerToken } from '../auth.js';
import type { ClientAddress } from '../client-address.js';
import { errorBody } from '../errors.js';
import type { StreamMetrics } from '../metrics.js';
import type { Services } from '../services.js';
import { parseClientFrame } from './client-frames.js';
import { StreamConnection } from './connection.js';
import { originOf } from './origin.js';
import type { Presence } from './presence.js';

export interface GatewayOptions {
  services: Services;
  hub: Hub;
  presence: Presence;
  metrics: StreamMetrics;
  log: FastifyBaseLogger;
  /** The origins a browser may open the stream from; known once the server listens. */
  origins(): ReadonlySet<string>;
  bufferLimit: number;
  pingIntervalMs: number;
  authTimeoutMs: number;
  /** Where an upgrade comes from, for the per-address limit (the client behind a trusted proxy). */
  clientAddress: ClientAddress;
}

export const STREAM_PATH = '/v1/stream';

/** Answers an upgrade request with a plain HTTP error, in the API's error shape. */
function refuse(socket: Duplex, status: number, reason: string, code: string, message: string, headers = ''): void {
  const body = JSON.stringify(errorBody(code, message));
  socket.end(`HTTP/1.1 ${status} ${reason}\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\n${headers}Connection: close\r\n\r\n${body}`);
}

export class StreamGateway {
  private wss = new WebSocketServer({ noServer: true, maxPayload: StreamLimits.clientFrameMaxBytes, perMessageDeflate: false });
  private connections = new Set<StreamConnection>();
  private accepting = true;
  private pinger: NodeJS.Timeout;

  constructor(private o: GatewayOptions) {
    this.pinger = setInterval(() => this.pingAll(), o.pingIntervalMs);
    this.pinger.unref();
  }

  /** The server's 'upgrade' listener. */
  handleUpgrade = (request: IncomingMessage, socket: Duplex, head: Buffer): void => {
    socket.on('error', () => socket.destroy());
    const url = new URL(request.url ?? '/', 'http://localhost');
    if (url.pathname !== STREAM_PATH) return refuse(socket, 404, 'Not Found', 'not_found', `No WebSocket at ${url.pathname}`);
    if (!this.accepting) return refuse(socket, 503, 'Service Unavailable', 'unavailable', 'The server is shutting down');
    if (!this.originAllowed(request)) return refuse(socket, 403, 'Forbidden', 'forbidden', 'This origin may not open the stream');
    let since: number | null = null;
    const sinceParam = url.searchParams.get('since');
    if (sinceParam !== null) {
      try {
        since = decodeCursor(sinceParam);
      } catch {
        return refuse(socket, 400, 'Bad Request', 'invalid_request', 'The since cursor is not one this server gave out');
      }
    }
    void this.o.services.limits.streamOpen(this.o.clientAddress(request)).then(
      () => {
        if (socket.destroyed) return;
        // ws answers a request that is not a valid upgrade (a bad version or key) with 400 itself.
        this.wss.handleUpgrade(request, socket, head, (ws) => this.accept(ws, socket, request, since));
      },
      (err: { retryAfter?: number; message?: string }) =>
        refuse(socket, 429, 'Too Many Requests', 'rate_limited', err.message ?? 'Too many streams opened', `Retry-After: ${err.retryAfter ?? 60}\r\n`),
    );
  };

  /** Stops accepting, writes what each stream has buffered, closes them with 1001. */
  async close(graceMs = 2_000): Promise<void> {
    this.accepting = false;
    clearInterval(this.pinger);
    this.o.presence.stop();
    await Promise.all([...this.connections].map((c) => c.shutdown(graceMs)));
    // Those still authenticating; the others are closing already, their last events still going out.
    for (const ws of this.wss.clients) if (ws.readyState === ws.OPEN) ws.close(CloseCodes.goingAway, 'server going away');
    await new Promise<void>((resolve) => this.wss.close(() => resolve()));
  }

  /** Streams open (authenticated). */
  get size(): number {
    return this.connections.size;
  }

  private originAllowed(request: IncomingMessage): boolean {
    const origin = request.headers.origin;
    if (origin === undefined) return true; // not a browser: the SDK on Node, the terminal client
    const normalized = originOf(origin);
    return normalized !== null && this.o.origins().has(normalized);
  }

  /**
   * A new WebSocket: listeners first, then authentication by header or by the
   * first frame (browsers cannot set headers on a WebSocket).
   */
  private accept(ws: WebSocket, socket: Duplex, request: IncomingMessage, since: number | null): void {
    ws.on('error', (err) => this.o.log.debug({ err: { message: err.message, code: (err as { code?: string }).code } }, 'stream protocol error'));
    let connection: StreamConnection | null = null;
    let authenticating = false;
    const timer = setTimeout(() => {
      if (!connection && !authenticating) ws.close(CloseCodes.unauthorized, 'authenticate within the time allowed');
    }, this.o.authTimeoutMs);
    const begin = async (token: string) => {
      authenticating = true;
      try {
        connection = await this.open(ws, socket, token);
        if (connection) {
          clearTimeout(timer);
          await this.start(connection, since);
        }
      } catch (err) {
        this.o.log.error({ err }, 'stream start failed');
        ws.close(CloseCodes.goingAway, 'try again');
      } finally {
        authenticating = false;
      }
    };
    ws.on('message', (data: RawData, isBinary: boolean) => {
      const parsed = parseClientFrame(data, isBinary);
      if (!parsed.ok) {
        this.o.metrics.invalidFrame();
        ws.close(CloseCodes.invalidFrame, parsed.reason);
        return;
      }
      if (connection) return connection.receive(parsed.frame);
      if (authenticating) return; // frames sent before ready are dropped
      this.firstFrame(ws, parsed.frame, begin);
    });
    ws.on('close', () => {
      clearTimeout(timer);
      connection?.gone();
    });
    ws.on('pong', () => {
      if (connection) connection.alive = true;
    });
    const headerToken = bearerToken(request.headers.authorization);
    if (headerToken) void begin(headerToken);
  }

  private firstFrame(ws: WebSocket, frame: ClientFrame, begin: (token: string) => Promise<void>): void {
    if (frame.type !== 'auth') return ws.close(CloseCodes.unauthorized, 'the first frame must be {"type":"auth","token":...}');
    void begin(frame.token);
  }

  /** Authenticates and registers the stream; null when the token is refused or the socket went away. */
  private async open(ws: WebSocket, socket: Duplex, token: string): Promise<StreamConnection | null> {
    const session: Session | null = await this.o.services.accounts.authenticate(token);
    if (!session) {
      ws.close(CloseCodes.unauthorized, 'unauthorized');
      return null;
    }
    if (ws.readyState !== ws.OPEN) return null;
    const connection = new StreamConnection(ws, socket, session, {
      services: this.o.services,
      metrics: this.o.metrics,
      bufferLimit: this.o.bufferLimit,
      onClose: (c) => this.forget(c),
    });
    if (!this.o.hub.add(connection)) {
      ws.close(CloseCodes.tooManyStreams, 'too many streams for this account');
      return null;
    }
    this.connections.add(connection);
    this.o.metrics.opened();
    return connection;
  }

  /** Ready, the backlog, then live; and which contacts are online. */
  private async start(connection: StreamConnection, since: number | null): Promise<void> {
    try {
      const userId = connection.userId;
      // Taken before `ready`: a contact who comes online after the client saw `ready` is
      // announced once, by Presence, not a second time by this snapshot read late.
      const online = await this.o.presence.onlineContacts(userId);
      await connection.start(since);
      for (const contact of online) {
        connection.deliver({ userId, event: { type: 'presence', userId: contact, online: true } });
      }
    } catch (err) {
      this.o.log.error({ err }, 'stream backlog failed');
      connection.close(CloseCodes.goingAway, 'try again');
    }
  }

  private forget(connection: StreamConnection): void {
    if (!this.connections.delete(connection)) return;
    this.o.hub.remove(connection);
    this.o.metrics.closed();
  }

  /** Drops streams that did not answer the previous ping; pings the rest. */
  private pingAll(): void {
    for (const c of this.connections) {
      if (!c.alive) {
        c.ws.terminate();
        c.gone();
        continue;
      }
      c.alive = false;
      c.ws.ping();
    }
  }
}
