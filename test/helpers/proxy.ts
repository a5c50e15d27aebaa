// A TCP proxy on loopback between the browser and the server, so a test can
// drop the network for real: every open connection is cut (the stream's
// included) and new ones are refused until it is restored.
import { once } from 'node:events';
import { createServer, connect, type Socket } from 'node:net';

export interface NetworkProxy {
  url: string;
  /** Where connections go; set once the server listens. */
  target(url: string): void;
  drop(): void;
  restore(): void;
  close(): Promise<void>;
}

export async function startProxy(): Promise<NetworkProxy> {
  let port = 0;
  let down = false;
  const sockets = new Set<Socket>();
  const track = (s: Socket) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
    s.on('error', () => s.destroy());
  };
  const server = createServer((client) => {
    track(client);
    if (down || !port) return void client.destroy();
    const upstream = connect(port, '127.0.0.1');
    track(upstream);
    client.pipe(upstream).pipe(client);
    client.on('close', () => upstream.destroy());
    upstream.on('close', () => client.destroy());
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const address = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${address.port}`,
    target(url) {
      port = Number(new URL(url).port);
    },
    drop() {
      down = true;
      for (const s of sockets) s.destroy();
    },
    restore() {
      down = false;
    },
    async close() {
      for (const s of sockets) s.destroy();
      server.close();
      await once(server, 'close');
    },
  };
}
