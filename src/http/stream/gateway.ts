// GET /v1/stream: the WebSocket gateway. Checks the Origin before the upgrade,
// authenticates by header or first frame, then hands the socket to a
// StreamConnection registered in this process's hub.
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import type { FastifyBaseLogger } from 'fastify';
import { decodeCursor } from '../../domain/cursor.js';
import type { Session } from '../../domain/ports.js';
import type { Hub } from '../../bus/hub.js';
import { bearerToken } from '../auth.js';
import { errorBody } from '../errors.js';
import type { StreamMetrics } from '../metrics.js';
import type { Services } from '../services.js';
import { AUTH_TIMEOUT_MS, CLOSE, MAX_CLIENT_FRAME_BYTES } from './codes.js';
import { StreamConnection } from './connection.js';
import type { Presence } from './presence.js';

export interface GatewayOptions {
  services: Services;
  hub: Hub;
  presence: Presence;
  metrics: StreamMetrics;
  log: FastifyBaseLogger;
  allowedOrigins: string[];
  bufferLimit: number;
  pingIntervalMs: number;
}

export const STREAM_PATH = '/v1/stream';

/** Answers an upgrade request with a plain HTTP error, in the API's error shape. */
function refuse(socket: Duplex, status: number, reason: string, code: string, message: string): void {
  const body = JSON.stringify(errorBody(code, message));
  socket.end(`HTTP/1.1 ${status} ${reason}\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`);
}

export class StreamGateway {
  private wss = new WebSocketServer({ noServer: true, maxPayload: MAX_CLIENT_FRAME_BYTES, perMessageDeflate: false });
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
    this.wss.handleUpgrade(request, socket, head, (ws) => this.accept(ws, socket, request, since));
  };

  /** Stops accepting, writes what each stream has buffered, closes them with 1001. */
  async close(graceMs = 2_000): Promise<void> {
    this.accepting = false;
    clearInterval(this.pinger);
    this.o.presence.stop();
    await Promise.all([...this.connections].map((c) => c.shutdown(graceMs)));
    await new Promise<void>((resolve) => this.wss.close(() => resolve()));
  }

  get size(): number {
    return this.connections.size;
  }

  private originAllowed(request: IncomingMessage): boolean {
    const origin = request.headers.origin;
    if (origin === undefined) return true; // not a browser: the SDK on Node, the terminal client
    const host = request.headers.host;
    if (host && (origin === `http://${host}` || origin === `https://${host}`)) return true;
    return this.o.allowedOrigins.includes(origin);
  }

  private accept(ws: WebSocket, socket: Duplex, request: IncomingMessage, since: number | null): void {
    const headerToken = bearerToken(request.headers.authorization);
    if (headerToken) {
      void this.authenticate(ws, socket, headerToken, since);
      return;
    }
    // Browsers cannot set headers on a WebSocket: the first frame carries the token.
    const timer = setTimeout(() => ws.close(CLOSE.unauthorized, 'authenticate within 5 s'), AUTH_TIMEOUT_MS);
    ws.once('message', (data) => {
      clearTimeout(timer);
      let token: unknown;
      try {
        const msg = JSON.parse(String(data)) as { type?: unknown; token?: unknown };
        token = msg.type === 'auth' ? msg.token : undefined;
      } catch {
        token = undefined;
      }
      if (typeof token !== 'string') return ws.close(CLOSE.unauthorized, 'the first frame must be {"type":"auth","token":...}');
      void this.authenticate(ws, socket, token, since);
    });
    ws.once('close', () => clearTimeout(timer));
  }

  private async authenticate(ws: WebSocket, socket: Duplex, token: string, since: number | null): Promise<void> {
    let session: Session | null = null;
    try {
      session = await this.o.services.accounts.authenticate(token);
    } catch (err) {
      this.o.log.error({ err }, 'stream authentication failed');
    }
    if (!session) return ws.close(CLOSE.unauthorized, 'unauthorized');
    if (ws.readyState !== ws.OPEN) return;
    const connection = new StreamConnection(ws, socket, session, {
      services: this.o.services,
      metrics: this.o.metrics,
      bufferLimit: this.o.bufferLimit,
      onClose: (c) => this.forget(c),
    });
    if (!this.o.hub.add(connection)) return ws.close(CLOSE.tooManyStreams, 'too many streams for this account');
    this.connections.add(connection);
    this.o.metrics.opened();
    ws.on('message', (data) => void connection.receive(String(data)));
    ws.on('pong', () => (connection.alive = true));
    ws.on('close', () => connection.gone());
    ws.on('error', () => connection.gone());
    try {
      await connection.start(since);
      for (const userId of await this.o.presence.onlineContacts(session.user.id)) {
        connection.deliver({ userId: session.user.id, event: { type: 'presence', userId, online: true } });
      }
    } catch (err) {
      this.o.log.error({ err }, 'stream backlog failed');
      connection.close(CLOSE.goingAway, 'try again');
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
