// Starts one of the store's threads. Under tsx (tests, the bench) this module is
// TypeScript and so are the threads, which then need tsx's loader too: loader
// flags are not passed on to workers in Node 20, so a bootstrap registers it.
import { Worker } from 'node:worker_threads';

const FROM_SOURCE = import.meta.url.endsWith('.ts');

export function startWorker(name: 'writer-thread' | 'checkpoint-thread', workerData: unknown): Worker {
  const url = new URL(`./${name}.${FROM_SOURCE ? 'ts' : 'js'}`, import.meta.url);
  if (!FROM_SOURCE) return new Worker(url, { workerData });
  const bootstrap = `import(${JSON.stringify(import.meta.resolve('tsx/esm/api'))})
    .then((tsx) => { tsx.register(); return import(${JSON.stringify(url.href)}); })`;
  return new Worker(bootstrap, { eval: true, workerData });
}

/** Resolves when the worker posts {kind: 'ready'}; rejects if it fails or exits first. */
export function whenReady(worker: Worker): Promise<void> {
  return new Promise((resolve, reject) => {
    const onMessage = (m: { kind?: string; message?: string }) => {
      if (m.kind === 'ready') done(resolve);
      else if (m.kind === 'failed') done(() => reject(new Error(m.message)));
    };
    const onError = (err: Error) => done(() => reject(err));
    const onExit = () => done(() => reject(new Error('the thread stopped before it was ready')));
    const done = (then: () => void) => {
      worker.off('message', onMessage).off('error', onError).off('exit', onExit);
      then();
    };
    worker.on('message', onMessage).on('error', onError).on('exit', onExit);
  });
}
