// Many WebSocket clients in the bench process: opened with bounded concurrency,
// watched for closes the bench did not ask for, and read with a cheap scan (no
// JSON.parse, no UTF-8 decoding) so 40,000 frames a second do not swamp the
// process that also measures the latency.
import { WebSocket } from 'ws';

export interface ClientSpec {
  url: string;
  headers?: Record<string, string>;
}

const OPEN_TIMEOUT_MS = 20_000;
const CLOSE_TIMEOUT_MS = 10_000;
const READY = Buffer.from('"type":"ready"');

/** Text that precedes the sequence number in every measured message body. */
export const SEQ_MARKER = '"body":"lat:';
const SEQ_MARKER_BYTES = Buffer.from(SEQ_MARKER);

/** The number after SEQ_MARKER in a frame, or -1 when the frame has none (ready, presence...). */
export function readSeq(data: Buffer): number {
  const at = data.indexOf(SEQ_MARKER_BYTES);
  if (at < 0) return -1;
  let seq = 0;
  let i = at + SEQ_MARKER_BYTES.length;
  let digits = 0;
  for (; i < data.length; i++, digits++) {
    const c = data[i]!;
    if (c < 48 || c > 57) break;
    seq = seq * 10 + (c - 48);
  }
  return digits > 0 ? seq : -1;
}

export class ClientPool {
  readonly sockets: WebSocket[] = [];
  /** Closes and errors the bench did not cause: each one fails the run. */
  readonly problems: string[] = [];
  /** Called for every frame after the socket is ready; `index` is the socket's place in `sockets`. */
  onFrame: (data: Buffer, index: number) => void = () => {};
  private closing = false;

  /**
   * @param name for messages
   * @param waitForReady wait for the chat stream's {"type":"ready"} frame; else the open event is enough
   */
  constructor(readonly name: string, private waitForReady: boolean) {}

  get size(): number {
    return this.sockets.length;
  }

  /** Opens every spec, `concurrency` handshakes at a time; rejects on the first failure. */
  async open(specs: ClientSpec[], concurrency: number): Promise<void> {
    let next = 0;
    const worker = async () => {
      while (next < specs.length) {
        const spec = specs[next++]!;
        await this.openOne(spec);
      }
    };
    await Promise.all(Array.from({ length: Math.min(concurrency, specs.length) }, worker));
  }

  private openOne(spec: ClientSpec): Promise<void> {
    return new Promise((resolve, reject) => {
      const ws = new WebSocket(spec.url, { headers: spec.headers, perMessageDeflate: false, skipUTF8Validation: true, handshakeTimeout: OPEN_TIMEOUT_MS });
      let ready = false;
      const timer = setTimeout(() => fail(`no ${this.waitForReady ? 'ready frame' : 'open'} within ${OPEN_TIMEOUT_MS} ms`), OPEN_TIMEOUT_MS);
      const fail = (why: string) => {
        if (ready) return;
        ready = true;
        clearTimeout(timer);
        ws.terminate();
        reject(new Error(`${this.name}: stream ${this.sockets.length + 1} did not open: ${why}`));
      };
      const isReady = () => {
        ready = true;
        clearTimeout(timer);
        const index = this.sockets.push(ws) - 1;
        ws.on('message', (data: Buffer) => this.onFrame(data, index));
        resolve();
      };
      ws.once('message', (data: Buffer) => {
        if (!ready && this.waitForReady) {
          if (data.indexOf(READY) >= 0) isReady();
          else fail(`the first frame was not ready: ${String(data).slice(0, 200)}`);
        }
      });
      ws.once('open', () => {
        if (!this.waitForReady) isReady();
      });
      ws.on('error', (err) => {
        if (!ready) fail(err.message);
        else if (!this.closing) this.problems.push(`${this.name}: socket error: ${err.message}`);
      });
      ws.once('close', (code, reason) => {
        if (!ready) fail(`closed with ${code} ${String(reason)}`);
        else if (!this.closing) this.problems.push(`${this.name}: unexpected close ${code} ${String(reason)}`);
      });
    });
  }

  /** Closes every socket (close handshake, then terminate after a timeout). */
  async closeAll(): Promise<void> {
    this.closing = true;
    const open = this.sockets.filter((ws) => ws.readyState !== WebSocket.CLOSED);
    const closed = open.map((ws) => new Promise<void>((resolve) => ws.once('close', () => resolve())));
    for (const ws of open) ws.close(1000, 'bench done');
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<void>((resolve) => {
      timer = setTimeout(resolve, CLOSE_TIMEOUT_MS);
    });
    await Promise.race([Promise.all(closed), late]);
    clearTimeout(timer);
    for (const ws of open) if (ws.readyState !== WebSocket.CLOSED) ws.terminate();
  }
}

/** Resolves after `ms`. */
export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
