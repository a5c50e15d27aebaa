// The printed table and ratio lines.
import type { Measured } from './load.js';

/** A scenario and the baseline run made right before it. */
export interface Pair {
  baseline: Measured;
  scenario: Measured;
}

const fmtRate = (n: number) => Math.round(n).toLocaleString('en-US');
// autocannon records latencies in whole milliseconds.
const fmtMs = (n: number) => (n < 1 ? '<1' : String(Math.round(n)));
const fmtRatio = (n: number) => `${n.toFixed(2)}x`;

/** `cpuNote` says what the server CPU figure leaves out (PostgreSQL's and Redis's processes). */
export function printReport(pairs: Pair[], cpuNote = ''): void {
  const header = ['scenario', 'req/s', 'p50 ms', 'p99 ms', 'errors', 'server CPU', 'ratio'];
  const row = (m: Measured, baseline: Measured) => [
    m.name,
    fmtRate(m.rps),
    fmtMs(m.p50),
    fmtMs(m.p99),
    String(m.errors + m.non2xx),
    `${Math.round(m.serverCpu)}%`,
    fmtRatio(m.rps / baseline.rps),
  ];
  const rows = pairs.flatMap(({ baseline, scenario }) => [row(baseline, baseline), row(scenario, baseline)]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  console.log(`ratio = req/s / req/s of the baseline run just above it; server CPU = the server process (all its threads${cpuNote}), % of one core`);
  console.log(line(header));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  rows.forEach((r, i) => {
    if (i > 0 && i % 2 === 0) console.log('');
    console.log(line(r));
  });
  console.log('');
  for (const { baseline, scenario } of pairs) console.log(`ratio ${scenario.name}: ${fmtRatio(scenario.rps / baseline.rps)} of bare node:http`);
  console.log('');
  for (const m of pairs.flatMap((p) => [p.baseline, p.scenario])) {
    const codes = Object.entries(m.statusCodes).map(([code, n]) => `${code}: ${n}`).join(', ');
    console.log(`${m.name}: ${m.requests} answers (${codes || 'none'}), ${m.errors} connection errors/timeouts, ${m.non2xx} non-2xx`);
    if (m.warmupFailures > 0) console.log(`${m.name}: ${m.warmupFailures} errors or non-2xx answers during warm-up`);
  }
}

/** True when any run, warm-up included, saw a connection error, a timeout or a non-2xx answer. */
export function failed(all: Measured[]): boolean {
  return all.some((m) => m.errors + m.non2xx + m.warmupFailures > 0 || m.requests === 0);
}
