// Time, password hashing and randomness: injected, so tests control them.

export interface Clock {
  /** Milliseconds since the epoch. */
  now(): number;
}

export interface Hasher {
  hash(password: string): Promise<string>;
  verify(hash: string, password: string): Promise<boolean>;
}

export interface Random {
  /** A new opaque id for a stored object. */
  id(): string;
  /** A new bearer token, at least 128 bits of randomness. */
  token(): string;
}
