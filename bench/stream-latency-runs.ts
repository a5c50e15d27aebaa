// The latency scenario's two kinds of run, at any scale: on the bare ws server
// (receivers in rooms, frames from sender sockets) and on the chat server (HTTP
// sends through one instance, the streams open on that one or on another).
// Device d is a stream of account d % accounts; pair p is accounts 2p and 2p+1,
// so a message reaches every stream of both accounts of its pair.
import type { ServerChild } from './children.js';
import { ClientPool, type ClientSpec } from './stream-clients.js';
import { runPaced, type PacedResult } from './stream-latency.js';
import type { StreamSeed } from './stream-seed.js';
import { commitFigures, commitSnapshot, type CommitFigures } from './store-commits.js';
import { httpSender, wsSender } from './stream-send.js';

export interface LatencyScale {
  rate: number;
  devices: number;
  accounts: number;
  seconds: number;
  warmupSeconds: number;
  senders: number;
}

export const OPEN_CONCURRENCY = 100;
/** Most sends waiting for an answer before the pacer skips slots. */
const MAX_IN_FLIGHT = 1000;

function pairOfDevice(s: LatencyScale, device: number): number {
  return Math.floor((device % s.accounts) / 2);
}

function roomSizes(s: LatencyScale): number[] {
  const sizes = new Array<number>(s.accounts / 2).fill(0);
  for (let d = 0; d < s.devices; d++) sizes[pairOfDevice(s, d)]!++;
  return sizes;
}

export const bareWsUrl = (bare: ServerChild) => bare.url.replace(/^http/, 'ws');
export const bareSpec = (bare: ServerChild, room: string): ClientSpec => ({ url: `${bareWsUrl(bare)}/?room=${encodeURIComponent(room)}` });
export const chatStreamUrl = (chat: ServerChild) => `${chat.url.replace(/^http/, 'ws')}/v1/stream`;
export const chatSpec = (chat: ServerChild, token: string): ClientSpec => ({ url: chatStreamUrl(chat), headers: { authorization: `Bearer ${token}` } });

export async function latencyBare(name: string, s: LatencyScale, bare: ServerChild, seed: StreamSeed): Promise<PacedResult> {
  const receivers = new ClientPool(name, false);
  const senders = new ClientPool(`${name} senders`, false);
  try {
    await receivers.open(Array.from({ length: s.devices }, (_, d) => bareSpec(bare, `p${pairOfDevice(s, d)}`)), OPEN_CONCURRENCY);
    await senders.open(Array.from({ length: s.senders }, () => ({ url: bareWsUrl(bare) })), OPEN_CONCURRENCY);
    const issue = wsSender(senders.sockets, seed.sampleFrame, (room) => `p${room}`);
    const result = await runPaced({ name, server: bare, receivers, roomSizes: roomSizes(s), rate: s.rate, seconds: s.seconds, warmupSeconds: s.warmupSeconds, maxInFlight: MAX_IN_FLIGHT, issue });
    result.problems.push(...senders.problems);
    return result;
  } finally {
    await Promise.all([receivers.closeAll(), senders.closeAll()]);
  }
}

/**
 * Sends through `sendTo`, streams open on `streamsOn` (the same server, or another
 * instance on the same database and Redis). The server CPU figures are those of
 * `streamsOn`; the commit figures those of `sendTo`, which writes.
 */
export async function latencyChat(name: string, s: LatencyScale, sendTo: ServerChild, streamsOn: ServerChild, seed: StreamSeed): Promise<PacedResult & { commits: CommitFigures }> {
  const receivers = new ClientPool(name, true);
  const rooms = s.accounts / 2;
  // The two members of a pair take turns sending.
  const sender = httpSender(sendTo.url, s.senders, (seq, room) => ({
    token: seed.tokens[2 * room + (Math.floor(seq / rooms) % 2)]!,
    conversationId: seed.pairConversations[room]!,
  }));
  try {
    await receivers.open(Array.from({ length: s.devices }, (_, d) => chatSpec(streamsOn, seed.tokens[d % s.accounts]!)), OPEN_CONCURRENCY);
    const before = await commitSnapshot(sendTo.url);
    const result = await runPaced({ name, server: streamsOn, receivers, roomSizes: roomSizes(s), rate: s.rate, seconds: s.seconds, warmupSeconds: s.warmupSeconds, maxInFlight: MAX_IN_FLIGHT, issue: sender.issue });
    return { ...result, commits: commitFigures(before, await commitSnapshot(sendTo.url)) };
  } finally {
    sender.close();
    await receivers.closeAll();
  }
}
