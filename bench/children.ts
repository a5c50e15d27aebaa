// Starts a server file of bench/ in its own Node process (so it never shares an
// event loop with the load generator) and stops it again.
import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { ChildMessage, ParentMessage } from './protocol.js';

const STARTUP_TIMEOUT_MS = 30_000;
const STOP_TIMEOUT_MS = 10_000;

export interface ServerChild {
  name: string;
  url: string;
  /** CPU time (user + system) the child has used so far, in ms. */
  cpuMs(): Promise<number>;
  /** SIGTERM, then SIGKILL if it has not exited in time; resolves once it is gone. */
  stop(): Promise<void>;
  /** SIGKILL at once: the last resort when the bench itself is exiting. */
  killNow(): void;
}

export async function startChild(name: string, file: string, env: Record<string, string> = {}, nodeFlags: string[] = []): Promise<ServerChild> {
  const child = fork(fileURLToPath(new URL(file, import.meta.url)), [], {
    execArgv: [...nodeFlags, '--import', 'tsx'],
    env: { ...process.env, ...env },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  // IPC to a child that has just died fails with EPIPE; the caller sees that as a rejected probe.
  child.on('error', () => {});
  try {
    const url = await waitReady(name, child);
    return {
      name,
      url,
      cpuMs: () => probeCpu(name, child),
      stop: () => stopChild(child, exited),
      killNow: () => {
        if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      },
    };
  } catch (err) {
    await stopChild(child, exited);
    throw err;
  }
}

function waitReady(name: string, child: ChildProcess): Promise<string> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => fail(new Error(`${name}: not ready after ${STARTUP_TIMEOUT_MS} ms`)), STARTUP_TIMEOUT_MS);
    const onMessage = (msg: ChildMessage) => {
      if (msg.type !== 'ready') return;
      cleanup();
      resolve(msg.url);
    };
    const onExit = (code: number | null, signal: string | null) => fail(new Error(`${name}: exited before it was ready (code ${code}, signal ${signal})`));
    const onError = (err: Error) => fail(err);
    function cleanup() {
      clearTimeout(timer);
      child.off('message', onMessage);
      child.off('exit', onExit);
      child.off('error', onError);
    }
    function fail(err: Error) {
      cleanup();
      reject(err);
    }
    child.on('message', onMessage);
    child.once('exit', onExit);
    child.once('error', onError);
  });
}

let probeId = 0;

function probeCpu(name: string, child: ChildProcess): Promise<number> {
  const id = ++probeId;
  return new Promise((resolve, reject) => {
    if (!child.connected) {
      reject(new Error(`${name}: the server process is gone`));
      return;
    }
    const fail = (err: Error) => {
      clearTimeout(timer);
      child.off('message', onMessage);
      reject(err);
    };
    const timer = setTimeout(() => fail(new Error(`${name}: no answer to the CPU probe`)), 5000);
    const onMessage = (msg: ChildMessage) => {
      if (msg.type !== 'cpu' || msg.id !== id) return;
      clearTimeout(timer);
      child.off('message', onMessage);
      resolve((msg.userMicros + msg.systemMicros) / 1000);
    };
    child.on('message', onMessage);
    child.send({ type: 'cpu', id } satisfies ParentMessage, (err) => {
      if (err) fail(new Error(`${name}: the server process is gone (${err.message})`));
    });
  });
}

async function stopChild(child: ChildProcess, exited: Promise<void>): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill('SIGTERM');
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<boolean>((resolve) => {
    timer = setTimeout(() => resolve(true), STOP_TIMEOUT_MS);
  });
  const late = await Promise.race([exited.then(() => false), timedOut]);
  clearTimeout(timer);
  if (late) {
    child.kill('SIGKILL');
    await exited;
  }
}
