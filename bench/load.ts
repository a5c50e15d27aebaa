// One measured scenario: autocannon (in this process) against a server child,
// with the child's CPU time sampled around the run.
import autocannon from 'autocannon';
import type { ServerChild } from './children.js';

export interface Scenario {
  name: string;
  server: ServerChild;
  method: 'GET' | 'POST';
  path: string;
  headers?: Record<string, string>;
  /** Builds a fresh body for every request (e.g. a unique clientId). */
  body?: () => string;
}

export interface LoadOptions {
  connections: number;
  seconds: number;
  warmupSeconds: number;
}

export interface Measured {
  name: string;
  requests: number;
  rps: number;
  p50: number;
  p99: number;
  /** Connection errors and timeouts. */
  errors: number;
  non2xx: number;
  statusCodes: Record<string, number>;
  /** Server process CPU time per wall second, in % of one core. */
  serverCpu: number;
  /** Problems seen while warming up (not part of the figures, still a failure). */
  warmupFailures: number;
}

export async function measure(scenario: Scenario, options: LoadOptions): Promise<Measured> {
  let warmupFailures = 0;
  if (options.warmupSeconds > 0) {
    const warm = await fire(scenario, options.connections, options.warmupSeconds);
    warmupFailures = warm.errors + warm.non2xx + warm.mismatches;
  }
  const cpuBefore = await scenario.server.cpuMs();
  const result = await fire(scenario, options.connections, options.seconds);
  const cpuAfter = await scenario.server.cpuMs();

  const statusCodes: Record<string, number> = {};
  for (const [code, { count }] of Object.entries(result.statusCodeStats)) statusCodes[code] = Number(count);
  const requests = result.requests.total;
  return {
    name: scenario.name,
    requests,
    rps: requests / result.duration,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.mismatches,
    non2xx: result.non2xx,
    statusCodes,
    serverCpu: ((cpuAfter - cpuBefore) / (result.duration * 1000)) * 100,
    warmupFailures,
  };
}

function fire(scenario: Scenario, connections: number, seconds: number): PromiseLike<autocannon.Result> {
  const { body } = scenario;
  const request: autocannon.Request = {
    method: scenario.method,
    path: scenario.path,
    headers: { accept: 'application/json', ...(body ? { 'content-type': 'application/json' } : {}), ...scenario.headers },
  };
  if (body) request.setupRequest = (req) => ({ ...req, body: body() });
  return autocannon({ url: scenario.server.url, connections, duration: seconds, timeout: 10, requests: [request] });
}
