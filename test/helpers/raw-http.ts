// What no well-behaved client sends: hand-made WebSocket frames, raw HTTP
// bytes, requests from another loopback address. For tests that attack.
import { once } from 'node:events';
import { request } from 'node:http';
import { connect, type Socket } from 'node:net';

/** A client frame as RFC 6455 5.2 lays it out, masked unless told otherwise. */
export function clientFrame(opcode: number, payload: Buffer, options: { fin?: boolean; rsv?: number; masked?: boolean } = {}): Buffer {
  const { fin = true, rsv = 0, masked = true } = options;
  const length = payload.length;
  const header = [((fin ? 0x80 : 0) | (rsv << 4) | opcode) & 0xff];
  const maskBit = masked ? 0x80 : 0;
  if (length < 126) header.push(maskBit | length);
  else if (length < 65_536) header.push(maskBit | 126, length >> 8, length & 0xff);
  else {
    header.push(maskBit | 127, 0, 0, 0, 0);
    header.push((length >>> 24) & 0xff, (length >>> 16) & 0xff, (length >>> 8) & 0xff, length & 0xff);
  }
  if (!masked) return Buffer.concat([Buffer.from(header), payload]);
  const mask = Buffer.from([0x12, 0x34, 0x56, 0x78]);
  const body = Buffer.from(payload.map((b, i) => b ^ mask[i % 4]!));
  return Buffer.concat([Buffer.from(header), mask, body]);
}

export interface RawConnection {
  socket: Socket;
  /** Everything received so far. */
  text(): string;
  /** Resolves once the server closed the connection, with everything it sent. */
  closed: Promise<string>;
  /** Resolves once `predicate` holds for what was received. */
  until(predicate: (received: string) => boolean, timeoutMs?: number): Promise<string>;
}

/** A raw TCP connection to the server: bytes in, bytes out. */
export async function rawConnection(url: string): Promise<RawConnection> {
  const { hostname, port } = new URL(url);
  const socket = connect(Number(port), hostname);
  socket.on('error', () => undefined);
  await once(socket, 'connect');
  let received = '';
  const waiters = new Set<() => void>();
  socket.on('data', (chunk: Buffer) => {
    received += chunk.toString('latin1');
    for (const w of waiters) w();
  });
  const closed = new Promise<string>((resolve) => socket.on('close', () => {
    resolve(received);
    for (const w of waiters) w();
  }));
  return {
    socket,
    text: () => received,
    closed,
    until(predicate, timeoutMs = 5_000) {
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`not received within ${timeoutMs} ms; got ${JSON.stringify(received.slice(0, 500))}`));
        }, timeoutMs);
        const check = () => {
          if (predicate(received)) {
            clearTimeout(timer);
            waiters.delete(check);
            resolve(received);
          } else if (socket.destroyed) {
            clearTimeout(timer);
            waiters.delete(check);
            reject(new Error(`connection closed; got ${JSON.stringify(received.slice(0, 500))}`));
          }
        };
        waiters.add(check);
        check();
      });
    },
  };
}

/** The status line and JSON body of the first answer in raw bytes. */
export function firstAnswer(raw: string): { status: number; headers: string; body: unknown } {
  const end = raw.indexOf('\r\n\r\n');
  const head = raw.slice(0, end);
  const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(head)?.[1]);
  const length = Number(/content-length: (\d+)/i.exec(head)?.[1] ?? 0);
  const body = raw.slice(end + 4, end + 4 + length);
  return { status, headers: head, body: JSON.parse(body) as unknown };
}

/** An HTTP request from a chosen loopback address (127.0.0.2, ...), for limits counted per address. */
export async function fromAddress(
  localAddress: string,
  url: string,
  path: string,
  init: { method?: string; body?: unknown; token?: string; headers?: Record<string, string> } = {},
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- answers of any shape are what these tests inspect
): Promise<{ status: number; body: any; headers: Record<string, string | string[] | undefined> }> {
  const { hostname, port } = new URL(url);
  const payload = init.body === undefined ? undefined : JSON.stringify(init.body);
  const req = request({
    host: hostname, port: Number(port), path, method: init.method ?? 'GET', localAddress,
    headers: {
      ...(payload ? { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(payload)) } : {}),
      ...(init.token ? { authorization: `Bearer ${init.token}` } : {}),
      ...init.headers,
    },
  });
  req.end(payload);
  const [res] = (await once(req, 'response')) as [import('node:http').IncomingMessage];
  let text = '';
  for await (const chunk of res) text += String(chunk);
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // keep text
  }
  return { status: res.statusCode ?? 0, body, headers: res.headers };
}
