// Counts requests being handled, so shutdown can wait for them to finish (and
// publish their events) before it closes the streams.
import type { FastifyInstance } from 'fastify';

export interface InFlight {
  /** Resolves when no request is being handled, or after `timeoutMs`. */
  idle(timeoutMs: number): Promise<void>;
}

export function trackInFlight(app: FastifyInstance): InFlight {
  let count = 0;
  let waiters: (() => void)[] = [];
  const open = new WeakSet<object>();
  // An aborted request may end by both hooks: count it down once.
  const done = (request: object) => {
    if (!open.delete(request)) return;
    count--;
    if (count === 0) {
      for (const w of waiters) w();
      waiters = [];
    }
  };
  app.addHook('onRequest', async (request) => {
    open.add(request);
    count++;
  });
  app.addHook('onResponse', async (request) => done(request));
  app.addHook('onRequestAbort', async (request) => done(request));
  return {
    idle: (timeoutMs) =>
      count === 0
        ? Promise.resolve()
        : new Promise<void>((resolve) => {
            waiters.push(resolve);
            setTimeout(resolve, timeoutMs).unref();
          }),
  };
}
