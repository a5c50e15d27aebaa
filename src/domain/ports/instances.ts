// What several instances of the server share beyond the store and the bus:
// who is online anywhere, and jobs that must run on one instance at a time.
// On one instance neither is needed; with Redis, bus/ implements both.

/** Which users hold a stream on some instance. */
export interface PresenceRegistry {
  /** This instance holds a stream of the user now; true when no instance did before (the user came online). */
  join(userId: string): Promise<boolean>;
  /** This instance holds none of theirs any more; true when no instance does now (the user went offline). */
  leave(userId: string): Promise<boolean>;
  /** Those of `userIds` holding a stream on some instance. */
  online(userIds: string[]): Promise<Set<string>>;
}

/** Runs a job on one instance at a time. */
export interface JobLock {
  /**
   * Runs `job` unless another instance holds the lock named `name`, holding it
   * while the job runs; null when it did not run (held elsewhere, or the lock
   * could not be asked for).
   */
  runAlone<T>(name: string, job: () => Promise<T>): Promise<T | null>;
}
