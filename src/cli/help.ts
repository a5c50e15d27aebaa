// `chat --help`, `chat COMMAND --help`, and the usage lines shown with a usage error.
import { GLOBAL_OPTIONS, type Command, type OptionSpec } from './command.js';

/** Help fits an 80-column terminal: text past it wraps under its own column, never under the left one. */
const WIDTH = 80;

/** `  left  text…` rows whose text column is shared, wrapped at WIDTH with a hanging indent. */
function columns(rows: (readonly [string, string])[]): string[] {
  const width = Math.max(...rows.map(([left]) => left.length));
  const indent = ' '.repeat(2 + width + 2);
  return rows.flatMap(([left, text]) => {
    const lines: string[] = [];
    let line = `  ${left.padEnd(width)} `;
    let words = 0;
    for (const word of text.split(' ')) {
      if (words > 0 && line.length + 1 + word.length > WIDTH) {
        lines.push(line);
        line = indent.slice(0, -1);
        words = 0;
      }
      line += ' ' + word;
      words++;
    }
    return [...lines, line];
  });
}

function optionRows(spec: Record<string, OptionSpec>): string[] {
  return columns(Object.entries(spec).map(([name, s]) => [`${s.short ? `-${s.short}, ` : ''}--${name}${s.value ? ` ${s.value}` : ''}`, s.help] as const));
}

/** `login NAME_OR_EMAIL [--device NAME] [--password-stdin]` -> `login NAME_OR_EMAIL`, for the list of commands. */
const synopsis = (c: Command) => c.synopsis ?? c.usage[0]!.replace(/\s\[--[^\]]*\]/g, '');

export function globalHelp(commands: Command[]): string {
  return [
    'chat - the terminal client of chat-api',
    '',
    'usage: chat COMMAND [ARGUMENTS] [--server URL] [--json]',
    '       chat             (on a terminal) the interactive chat',
    '',
    'commands:',
    ...columns(commands.map((c) => [synopsis(c), c.summary] as const)),
    '',
    'options (every command):',
    ...optionRows({ ...GLOBAL_OPTIONS, version: { type: 'boolean', help: 'print the version' } }),
    '',
    'Passwords are never taken from the command line: chat asks for them with',
    'echo off, or reads them from stdin with --password-stdin.',
    '',
    'environment:',
    '  CHAT_SERVER      the server, when --server is not given',
    '  CHAT_CONFIG_DIR  where session.json (token, device, inbox position) is kept,',
    '                   default $XDG_CONFIG_HOME/chat-api or ~/.config/chat-api',
    '',
    'With --json a command prints exactly one JSON document on stdout (on failure',
    '{"error": {"code", "message"}}); `chat watch --json` prints one per line.',
    'Exit codes: 0 success, 1 failure (the cause on stderr), 2 bad usage.',
    "Run 'chat COMMAND --help' for a command's details.",
  ].join('\n');
}

export function commandHelp(c: Command): string {
  return [
    `usage: ${c.usage.map((u, i) => (i === 0 ? `chat ${u}` : `       chat ${u}`)).join('\n')}`,
    '',
    c.summary.charAt(0).toUpperCase() + c.summary.slice(1) + '.',
    ...(c.description ? ['', c.description] : []),
    '',
    'options:',
    ...optionRows({ ...c.options, ...GLOBAL_OPTIONS }),
  ].join('\n');
}

export function usageLines(c: Command | undefined): string {
  if (!c) return "usage: chat COMMAND [ARGUMENTS] [--server URL] [--json]\nRun 'chat --help' for the commands.";
  return `usage: ${c.usage.map((u) => `chat ${u}`).join(' | ')}\nRun 'chat ${c.name} --help' for details.`;
}
