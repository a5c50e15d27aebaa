// The stream half's table and the goal lines.
import type { FanoutResult } from './stream-fanout.js';
import type { PacedResult } from './stream-latency.js';
import type { MemoryResult } from './stream-memory.js';
import type { CommitFigures } from './store-commits.js';
import type { StoreKind } from './store.js';

export interface StreamFigures {
  store: StoreKind;
  rate: number;
  devices: number;
  fanoutDevices: number;
  latency: { chat: PacedResult & { commits: CommitFigures }; bare: PacedResult };
  memory: { chat: MemoryResult; bare: MemoryResult };
  fanout: { chat: FanoutResult; bare: FanoutResult };
}

const ms = (n: number) => (Number.isFinite(n) ? n.toFixed(2) : '-');
const int = (n: number) => (Number.isFinite(n) ? Math.round(n).toLocaleString('en-US') : '-');
const ratio = (a: number, b: number) => (Number.isFinite(a / b) && b !== 0 ? `${(a / b).toFixed(2)}x` : '-');

export function printStreamReport(f: StreamFigures): void {
  const { latency: l, memory: m, fanout: o } = f;
  const latencyName = `latency, ${int(f.rate)} msg/s, ${int(f.devices)} devices`;
  const idleName = `idle streams (${int(m.chat.streams)})`;
  const fanName = `fan-out to ${int(f.fanoutDevices)} devices`;
  const rows: string[][] = [
    [latencyName, 'p50 ms', ms(l.chat.latency.p50), ms(l.bare.latency.p50), ratio(l.chat.latency.p50, l.bare.latency.p50)],
    ['', 'p99 ms', ms(l.chat.latency.p99), ms(l.bare.latency.p99), ratio(l.chat.latency.p99, l.bare.latency.p99)],
    ['', 'max ms', ms(l.chat.latency.max), ms(l.bare.latency.max), ratio(l.chat.latency.max, l.bare.latency.max)],
    ['', 'sent msg/s', int(l.chat.sentPerSecond), int(l.bare.sentPerSecond), ratio(l.chat.sentPerSecond, l.bare.sentPerSecond)],
    ['', 'deliveries received', int(l.chat.delivered), int(l.bare.delivered), ratio(l.chat.delivered, l.bare.delivered)],
    ['', 'server CPU % of a core*', int(l.chat.serverCpu), int(l.bare.serverCpu), ratio(l.chat.serverCpu, l.bare.serverCpu)],
    ['', 'server loop busy %', int(l.chat.serverLoopBusy), int(l.bare.serverLoopBusy), ratio(l.chat.serverLoopBusy, l.bare.serverLoopBusy)],
    ['', 'bench process CPU %', int(l.chat.clientCpu), int(l.bare.clientCpu), ratio(l.chat.clientCpu, l.bare.clientCpu)],
    [idleName, 'RSS bytes/stream', int(m.chat.rssPerStream), int(m.bare.rssPerStream), ratio(m.chat.rssPerStream, m.bare.rssPerStream)],
    ['', 'heap bytes/stream', int(m.chat.heapPerStream), int(m.bare.heapPerStream), ratio(m.chat.heapPerStream, m.bare.heapPerStream)],
    ['', 'RSS MB before/after', `${mb(m.chat.before.rss)}/${mb(m.chat.after.rss)}`, `${mb(m.bare.before.rss)}/${mb(m.bare.after.rss)}`, ''],
    [fanName, 'first p50 ms', ms(o.chat.first.p50), ms(o.bare.first.p50), ratio(o.chat.first.p50, o.bare.first.p50)],
    ['', 'first p99 ms', ms(o.chat.first.p99), ms(o.bare.first.p99), ratio(o.chat.first.p99, o.bare.first.p99)],
    ['', 'last p50 ms', ms(o.chat.last.p50), ms(o.bare.last.p50), ratio(o.chat.last.p50, o.bare.last.p50)],
    ['', 'last p99 ms', ms(o.chat.last.p99), ms(o.bare.last.p99), ratio(o.chat.last.p99, o.bare.last.p99)],
  ];
  const header = ['stream scenario', 'figure', 'chat-api', 'bare ws', 'ratio'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => (i < 2 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  console.log('ratio = chat-api / bare ws (lower is better for ms and bytes); latency = issue of the send to arrival on each receiving stream');
  const threads = f.store === 'sqlite' ? 'the SQLite writer thread too' : 'not PostgreSQL\'s or Redis\'s processes';
  console.log(`* server CPU counts every thread of the process (${threads}); loop busy is the main thread's event loop, % of wall time`);
  console.log(line(header));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  rows.forEach((r, i) => {
    if (i > 0 && r[0] !== '') console.log('');
    console.log(line(r));
  });
  console.log('');
  for (const r of [l.chat, l.bare]) {
    console.log(`${r.name}: ${int(r.issued)} issued (${int(r.accepted)} accepted, ${int(r.failedSends)} failed, ${int(r.skipped)} schedule slots skipped), ` +
      `${int(r.delivered)} of ${int(r.expected)} deliveries, ${int(r.latency.count)} measured`);
  }
  for (const r of [l.chat, l.bare]) console.log(`${r.name}: worst ms per second sent: ${r.maxPerSecond.map((x) => x.toFixed(1)).join(' ')}`);
  const c = l.chat.commits;
  console.log(`${l.chat.name}: ${int(c.commits)} store commits (${c.writesPerCommit.toFixed(1)} writes each), mean ${ms(c.meanMs)} ms, ` +
    `p50 <= ${ms(c.p50UpToMs)} ms, p99 <= ${ms(c.p99UpToMs)} ms (histogram buckets): each send waits for one, the floor under its latency`);
  for (const r of [m.chat, m.bare]) console.log(`${r.name}: ${int(r.streams)} sockets opened in ${r.openSeconds.toFixed(1)} s; GC before readings: ${r.after.gc ? 'yes' : 'no'}`);
  for (const r of [o.chat, o.bare]) console.log(`${r.name}: ${int(r.messages)} messages measured`);

  for (const r of [l.chat, l.bare]) {
    if (r.serverLoopBusy < 90) continue;
    console.log(`${r.name}: the server's event loop was busy ${int(r.serverLoopBusy)}% of the time at ${int(r.serverCpu)}% CPU: saturated, ` +
      `${int(Math.max(0, r.serverLoopBusy - r.serverCpu))}% of the time blocked off-CPU inside synchronous calls on the loop`);
  }

  const atGoal = f.rate >= 2000 && f.devices >= 1000;
  const rateReached = l.chat.sentPerSecond >= f.rate * 0.98;
  console.log('');
  goal(`p99 <= 5 ms at 2,000 msg/s with 1,000 devices: p99 ${ms(l.chat.latency.p99)} ms at ${int(l.chat.sentPerSecond)} msg/s sent with ${int(f.devices)} devices` +
    (atGoal ? '' : ' (not the goal\'s load: set BENCH_RATE=2000 BENCH_DEVICES=1000)') + (rateReached ? '' : ` (the target rate ${int(f.rate)}/s was not reached)`),
  l.chat.latency.p99 <= 5 && atGoal && rateReached);
  const rssText = `RSS per idle stream <= 2x bare ws: ${int(m.chat.rssPerStream)} vs ${int(m.bare.rssPerStream)} bytes = ${ratio(m.chat.rssPerStream, m.bare.rssPerStream)}`;
  // With few streams the RSS delta is within the noise of page-sized heap growth.
  if (m.chat.rssPerStream <= 0 || m.bare.rssPerStream <= 0 || m.chat.streams < 2000) goal(`${rssText} (not measurable: RSS barely moved; use BENCH_STREAMS >= 2000)`, null);
  else goal(rssText, m.chat.rssPerStream / m.bare.rssPerStream <= 2);
  goal(`fan-out to 100 devices p99 <= 5 ms: last device p99 ${ms(o.chat.last.p99)} ms (first ${ms(o.chat.first.p99)} ms)`, o.chat.last.p99 <= 5);
}

function goal(text: string, met: boolean | null): void {
  console.log(`goal ${met === null ? 'n/a    ' : met ? 'met    ' : 'NOT met'}  ${text}`);
}

function mb(bytes: number): string {
  return (bytes / 1024 / 1024).toFixed(0);
}
