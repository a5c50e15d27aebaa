// argv -> command name, its arguments and its options. Options may come
// before or after the command; `--` ends options (for a message that starts with `-`).
import { parseArgs } from 'node:util';
import type { OptionSpec, OptionValues } from './command.js';
import { UsageError } from './errors.js';

interface Token {
  kind: 'option' | 'positional' | 'option-terminator';
  index: number;
  name?: string;
  rawName?: string;
  value?: string;
  inlineValue?: boolean;
}

function tokenize(args: string[], spec: Record<string, OptionSpec>): { tokens: Token[]; positionals: string[] } {
  const options = Object.fromEntries(Object.entries(spec).map(([name, s]) => [name, s.short ? { type: s.type, short: s.short } : { type: s.type }]));
  const parsed = parseArgs({ args, options, strict: false, allowPositionals: true, tokens: true });
  return { tokens: parsed.tokens as Token[], positionals: parsed.positionals };
}

/** The first positional argument is the command; the rest of argv is its line. */
export function splitCommand(argv: string[], allOptions: Record<string, OptionSpec>): { command: string | undefined; rest: string[] } {
  const first = tokenize(argv, allOptions).tokens.find((t) => t.kind === 'positional');
  if (!first) return { command: undefined, rest: argv };
  return { command: argv[first.index], rest: argv.filter((_, i) => i !== first.index) };
}

/** Strictly checks the options against `spec`; returns the positional arguments and the option values. */
export function parseLine(args: string[], spec: Record<string, OptionSpec>, command?: string): { positionals: string[]; values: OptionValues } {
  const { tokens, positionals } = tokenize(args, spec);
  const values: OptionValues = {};
  for (const t of tokens) {
    if (t.kind !== 'option' || !t.name) continue;
    const s = spec[t.name];
    if (!s) throw new UsageError(`unknown option ${t.rawName}`, command);
    if (s.type === 'string') {
      if (t.value === undefined) throw new UsageError(`${t.rawName} needs a value`, command);
      values[t.name] = t.value;
    } else {
      if (t.inlineValue) throw new UsageError(`${t.rawName} takes no value`, command);
      values[t.name] = true;
    }
  }
  return { positionals, values };
}

/** An integer option within bounds, or a usage error. */
export function intOption(raw: string | undefined, name: string, min: number, max: number, command: string): number | undefined {
  if (raw === undefined) return undefined;
  const n = Number(raw);
  if (!/^\d+$/.test(raw) || n < min || n > max) throw new UsageError(`--${name} must be a whole number from ${min} to ${max}`, command);
  return n;
}
