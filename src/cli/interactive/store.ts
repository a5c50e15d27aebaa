// A minimal external store: the controller dispatches, React reads through
// useSyncExternalStore, and tests can drive it without a terminal.
import { reduce, type Action, type State } from './state.js';

export class Store {
  private listeners = new Set<() => void>();

  constructor(private state: State) {}

  getState = (): State => this.state;

  dispatch = (action: Action): void => {
    const next = reduce(this.state, action);
    if (next === this.state) return;
    this.state = next;
    for (const listener of this.listeners) listener();
  };

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };
}
