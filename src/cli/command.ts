// The shape of one `chat` command: its options, its help, and what it does.
import type { Context } from './context.js';

export interface OptionSpec {
  type: 'string' | 'boolean';
  short?: string;
  /** For help: `--device NAME  the device name (default: the host name)`. */
  help: string;
  /** The value's placeholder in help, for string options. */
  value?: string;
}

export type OptionValues = Record<string, string | boolean | undefined>;

export interface Command {
  name: string;
  /** One line for `chat --help`. */
  summary: string;
  /** Usage lines, without the leading `usage: `. */
  usage: string[];
  /** The command's line in `chat --help`, when the first usage line would mislead (several actions). */
  synopsis?: string;
  /** More text for `chat COMMAND --help`. */
  description?: string;
  options?: Record<string, OptionSpec>;
  /** Resolves when done: exit 0, or the exit code it resolves with. Throws CliError or an SDK error to fail. */
  run(ctx: Context, args: string[], options: OptionValues): Promise<void | number>;
}

/** Options every command accepts. */
export const GLOBAL_OPTIONS: Record<string, OptionSpec> = {
  server: { type: 'string', value: 'URL', help: 'the server (default: $CHAT_SERVER, else http://127.0.0.1:3000)' },
  json: { type: 'boolean', help: 'print one JSON document on stdout instead of text' },
  help: { type: 'boolean', short: 'h', help: 'show help' },
};

export const PASSWORD_STDIN: OptionSpec = { type: 'boolean', help: 'read the password from stdin instead of a prompt' };

export function str(options: OptionValues, name: string): string | undefined {
  const v = options[name];
  return typeof v === 'string' ? v : undefined;
}
