/** Counters the domain reports; the ops layer turns them into metrics. */
export interface Telemetry {
  messageSent(): void;
  login(): void;
  purged(count: number): void;
}
