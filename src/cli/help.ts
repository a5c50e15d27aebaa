// `chat --help`, `chat COMMAND --help`, and the usage lines shown with a usage error.
import { GLOBAL_OPTIONS, type Command, type OptionSpec } from './command.js';

function optionRows(spec: Record<string, OptionSpec>): string[] {
  const rows = Object.entries(spec).map(([name, s]) => [`${s.short ? `-${s.short}, ` : ''}--${name}${s.value ? ` ${s.value}` : ''}`, s.help] as const);
  const width = Math.max(...rows.map(([left]) => left.length));
  return rows.map(([left, help]) => `  ${left.padEnd(width)}  ${help}`);
}

/** `login NAME_OR_EMAIL [--device NAME] [--password-stdin]` -> `login NAME_OR_EMAIL`, for the list of commands. */
const synopsis = (c: Command) => c.usage[0]!.replace(/\s\[--[^\]]*\]/g, '');

export function globalHelp(commands: Command[]): string {
  const width = Math.max(...commands.map((c) => synopsis(c).length));
  return [
    'chat - the terminal client of chat-api',
    '',
    'usage: chat COMMAND [ARGUMENTS] [--server URL] [--json]',
    '       chat             (on a terminal) the interactive chat',
    '',
    'commands:',
    ...commands.map((c) => `  ${synopsis(c).padEnd(width)}  ${c.summary}`),
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
