// The cross-instance table: delivery through Redis to streams on instance B beside
// the same scenario with the streams on A, the sending instance, and beside bare ws.
import type { CrossFigures } from './stream-cross.js';
import type { PacedResult } from './stream-latency.js';

const ms = (n: number) => (Number.isFinite(n) ? n.toFixed(2) : '-');
const int = (n: number) => (Number.isFinite(n) ? Math.round(n).toLocaleString('en-US') : '-');
const ratio = (a: number, b: number) => (Number.isFinite(a / b) && b !== 0 ? `${(a / b).toFixed(2)}x` : '-');

export function printCrossReport(f: CrossFigures): void {
  const { bare, same, cross } = f;
  const figure = (label: string, pick: (r: PacedResult) => number, fmt: (n: number) => string) => [
    label, fmt(pick(cross)), fmt(pick(same)), ratio(pick(cross), pick(same)), fmt(pick(bare)), ratio(pick(cross), pick(bare)),
  ];
  const rows = [
    figure('p50 ms', (r) => r.latency.p50, ms),
    figure('p99 ms', (r) => r.latency.p99, ms),
    figure('max ms', (r) => r.latency.max, ms),
    figure('sent msg/s', (r) => r.sentPerSecond, int),
    figure('deliveries received', (r) => r.delivered, int),
    figure('streams\' server CPU %*', (r) => r.serverCpu, int),
  ];
  const header = [`cross-instance, ${int(f.rate)} msg/s, ${int(f.devices)} devices`, 'streams on B', 'streams on A', 'B/A', 'bare ws', 'B/bare'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  console.log('');
  console.log('cross-instance delivery: sends through instance A; B/A = the streams on B (every event through Redis) / the same streams on A');
  console.log('* the instance the streams are on (A sends and delivers in "streams on A"; B only delivers in "streams on B"); PostgreSQL and Redis not counted');
  console.log(line(header));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const r of rows) console.log(line(r));
  console.log('');
  for (const r of [cross, same, bare]) {
    console.log(`${r.name}: ${int(r.issued)} issued (${int(r.accepted)} accepted, ${int(r.failedSends)} failed, ${int(r.skipped)} schedule slots skipped), ` +
      `${int(r.delivered)} of ${int(r.expected)} deliveries, ${int(r.latency.count)} measured; worst ms per second sent: ${r.maxPerSecond.map((x) => x.toFixed(1)).join(' ')}`);
  }
  for (const r of [cross, same]) {
    const c = r.commits;
    console.log(`${r.name}: A's ${int(c.commits)} commits, mean ${ms(c.meanMs)} ms, p99 <= ${ms(c.p99UpToMs)} ms (histogram buckets)`);
  }
}
