// A set of listeners where one that throws does not stop the others: a broken
// subscriber must not fail the write that published, nor starve its neighbours.
export class Listeners<T extends unknown[]> {
  private set = new Set<(...args: T) => void>();

  add(listener: (...args: T) => void): () => void {
    this.set.add(listener);
    return () => void this.set.delete(listener);
  }

  call(...args: T): void {
    for (const listener of this.set) {
      try {
        listener(...args);
      } catch {
        // see above
      }
    }
  }

  get size(): number {
    return this.set.size;
  }

  clear(): void {
    this.set.clear();
  }
}
