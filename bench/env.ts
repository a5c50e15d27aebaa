// The bench's knobs, read from the environment.

export function envNumber(name: string, fallback: number, min: number, max = Number.MAX_SAFE_INTEGER): number {
  const raw = process.env[name];
  if (raw === undefined || raw.trim() === '') return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value < min || value > max) throw new Error(`${name}=${JSON.stringify(raw)}: expected a number from ${min} to ${max}`);
  return value;
}

export function envInt(name: string, fallback: number, min: number, max?: number): number {
  return Math.round(envNumber(name, fallback, min, max));
}

export function envChoice<T extends string>(name: string, choices: readonly T[]): T | null {
  const raw = process.env[name]?.trim();
  if (!raw) return null;
  if (!(choices as readonly string[]).includes(raw)) throw new Error(`${name}=${JSON.stringify(raw)}: expected one of ${choices.join(', ')}`);
  return raw as T;
}
