import type { Clock } from '../domain/ports/index.js';

export const systemClock: Clock = { now: () => Date.now() };

/** A clock that moves only when told to: for tests of retention and rate limits. */
export class ManualClock implements Clock {
  constructor(private ms = Date.now()) {}
  now(): number {
    return this.ms;
  }
  advance(ms: number): void {
    this.ms += ms;
  }
}
