// Prometheus metrics: per-route request counts and latency, and the domain's counters.
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { Telemetry } from '../domain/ports/index.js';

export interface Metrics {
  registry: Registry;
  telemetry: Telemetry;
  requests: Counter<'method' | 'route' | 'status'>;
  duration: Histogram<'method' | 'route'>;
  stream: StreamMetrics;
  /** Each database commit: its time (fsync included) and the writes it carried (group commit). */
  commit(seconds: number, writes: number): void;
}

export interface StreamMetrics {
  opened(): void;
  closed(): void;
  delivered(): void;
  droppedSlow(): void;
  /** A client frame that was not a valid client frame (closed with 4400). */
  invalidFrame(): void;
}

export function createMetrics(): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const requests = new Counter({
    name: 'http_requests_total', help: 'HTTP requests by route and status', labelNames: ['method', 'route', 'status'] as const, registers: [registry],
  });
  const duration = new Histogram({
    name: 'http_request_duration_seconds', help: 'HTTP request latency by route', labelNames: ['method', 'route'] as const,
    buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5], registers: [registry],
  });
  const sent = new Counter({ name: 'chat_messages_sent_total', help: 'Messages stored (repeats of a clientId not counted)', registers: [registry] });
  const logins = new Counter({ name: 'chat_logins_total', help: 'Successful logins (new devices)', registers: [registry] });
  const purged = new Counter({ name: 'chat_messages_purged_total', help: 'Expired messages deleted by the purge job', registers: [registry] });
  const openStreams = new Gauge({ name: 'chat_streams_open', help: 'Open WebSocket streams', registers: [registry] });
  const delivered = new Counter({ name: 'chat_stream_events_delivered_total', help: 'Events written to streams', registers: [registry] });
  const dropped = new Counter({ name: 'chat_streams_dropped_slow_total', help: 'Streams closed with 4408 because their reader fell behind', registers: [registry] });
  const invalidFrames = new Counter({ name: 'chat_stream_invalid_frames_total', help: 'Streams closed with 4400 for a frame that is not a valid client frame', registers: [registry] });
  const commitSeconds = new Histogram({
    name: 'chat_store_commit_seconds', help: 'Database commit time, fsync included: the floor under every acknowledged write',
    buckets: [0.0005, 0.001, 0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1], registers: [registry],
  });
  const commitWrites = new Histogram({
    name: 'chat_store_commit_writes', help: 'Writes per database commit (group commit)',
    buckets: [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000], registers: [registry],
  });
  return {
    registry,
    commit: (seconds, writes) => {
      commitSeconds.observe(seconds);
      commitWrites.observe(writes);
    },
    requests,
    duration,
    stream: {
      opened: () => openStreams.inc(),
      closed: () => openStreams.dec(),
      delivered: () => delivered.inc(),
      droppedSlow: () => dropped.inc(),
      invalidFrame: () => invalidFrames.inc(),
    },
    telemetry: {
      messageSent: () => sent.inc(),
      login: () => logins.inc(),
      purged: (n) => purged.inc(n),
    },
  };
}
