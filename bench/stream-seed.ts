// Accounts for the stream half, made through the SDK: `accounts` users paired into
// direct conversations (2k with 2k+1), each signed in once, and for the fan-out one
// sender and one receiver signed in as `fanoutDevices` devices.
import { WebSocket } from 'ws';
import { ChatClient } from '../src/sdk/index.js';
import { sleep } from './stream-clients.js';

export interface StreamSeed {
  /** One token per account; account i is in pair floor(i / 2). */
  tokens: string[];
  /** The direct conversation of each pair. */
  pairConversations: string[];
  fanout: { senderToken: string; conversationId: string; deviceTokens: string[] };
  /** A real message frame of the stream (body "lat:0 ..."): the baseline sends frames of this shape and size. */
  sampleFrame: string;
}

const PASSWORD = 'bench-password-1';
/** A chat line of ordinary length after the sequence number. */
export const BODY_PADDING = ' the quick brown fox jumps over the lazy dog';

async function pool<T>(count: number, concurrency: number, make: (i: number) => Promise<T>): Promise<T[]> {
  const out: T[] = new Array<T>(count);
  let next = 0;
  const worker = async () => {
    while (next < count) {
      const i = next++;
      out[i] = await make(i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, count) }, worker));
  return out;
}

async function account(baseUrl: string, name: string): Promise<ChatClient> {
  const client = new ChatClient({ baseUrl, retries: 0 });
  await client.register({ name, email: `${name}@bench.example`, password: PASSWORD });
  await client.login({ login: name, password: PASSWORD, deviceName: 'bench-stream' });
  return client;
}

export async function seedStreams(baseUrl: string, accounts: number, fanoutDevices: number): Promise<StreamSeed> {
  // Argon2 runs on libuv's 4 threads: more in flight only queues.
  const clients = await pool(accounts, 8, (i) => account(baseUrl, `st_${String(i).padStart(4, '0')}`));
  const pairConversations = await pool(accounts / 2, 8, async (p) => {
    const message = await clients[2 * p]!.send({ to: `st_${String(2 * p + 1).padStart(4, '0')}`, body: 'hello' });
    return message.conversationId;
  });

  const sender = await account(baseUrl, 'fan_sender');
  await account(baseUrl, 'fan_target');
  // Every login is a new device of fan_target.
  const deviceTokens = await pool(fanoutDevices, 8, async (i) => {
    const device = new ChatClient({ baseUrl, retries: 0 });
    await device.login({ login: 'fan_target', password: PASSWORD, deviceName: `fan-device-${i}` });
    return device.token!;
  });
  const conversationId = (await sender.send({ to: 'fan_target', body: 'hello' })).conversationId;

  const sampleFrame = await captureFrame(baseUrl, clients[1]!.token!, () => clients[0]!.send({ conversationId: pairConversations[0]!, body: `lat:0${BODY_PADDING}` }));
  return { tokens: clients.map((c) => c.token!), pairConversations, fanout: { senderToken: sender.token!, conversationId, deviceTokens }, sampleFrame };
}

/** Opens one stream, runs `act`, and returns the first message frame it gets. */
async function captureFrame(baseUrl: string, token: string, act: () => Promise<unknown>): Promise<string> {
  const ws = new WebSocket(`${baseUrl.replace(/^http/, 'ws')}/v1/stream`, { headers: { authorization: `Bearer ${token}` } });
  const frames: string[] = [];
  ws.on('message', (data) => frames.push(String(data)));
  await new Promise<void>((resolve, reject) => {
    ws.once('error', reject);
    const check = () => (frames.length > 0 ? resolve() : setTimeout(check, 5));
    check();
  });
  await act();
  for (let waited = 0; waited < 5000 && !frames.some((f) => f.includes('"type":"message"')); waited += 10) await sleep(10);
  ws.close();
  const frame = frames.find((f) => f.includes('"type":"message"'));
  if (!frame) throw new Error('seed: the stream did not deliver the sample message');
  return frame;
}
