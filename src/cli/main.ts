// `chat`: the terminal client. Parses argv, picks the command, runs it, and
// turns failures into a one-line error and the exit code (0 ok, 1 failed, 2 bad usage).
import { readFileSync } from 'node:fs';
import { toCliError, unreachable } from './api-errors.js';
import { GLOBAL_OPTIONS, str, type Command, type OptionSpec, type OptionValues } from './command.js';
import { COMMANDS, findCommand } from './commands/index.js';
import { isTerminal } from './commands/open.js';
import { Context } from './context.js';
import { UsageError } from './errors.js';
import { commandHelp, globalHelp, usageLines } from './help.js';
import { runInteractive } from './interactive/index.js';
import { Output } from './output.js';
import { splitCommand, parseLine } from './args.js';
import { SessionFile } from './session-file.js';
import { configDir, serverFrom } from './settings.js';

const TOP_OPTIONS: Record<string, OptionSpec> = { ...GLOBAL_OPTIONS, version: { type: 'boolean', help: 'print the version' } };
const ALL_OPTIONS: Record<string, OptionSpec> = Object.assign({}, TOP_OPTIONS, ...COMMANDS.map((c) => c.options ?? {}));

function makeContext(values: OptionValues): Context {
  const out = new Output(values.json === true);
  return new Context(serverFrom(str(values, 'server')), out, new SessionFile(configDir()), { input: process.stdin, output: process.stderr });
}

function version(): string {
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
  return pkg.version;
}

export async function main(argv: string[]): Promise<number> {
  let ctx: Context | undefined;
  let command: Command | undefined;
  try {
    const { command: name, rest } = splitCommand(argv, ALL_OPTIONS);
    if (name === undefined || name === 'help') {
      const { positionals, values } = parseLine(rest, TOP_OPTIONS);
      if (name === 'help' || values.help) {
        const topic = positionals[0];
        const target = topic === undefined ? undefined : findCommand(topic);
        if (topic !== undefined && !target) throw new UsageError(`unknown command: ${topic}`);
        process.stdout.write((target ? commandHelp(target) : globalHelp(COMMANDS)) + '\n');
        return 0;
      }
      if (values.version) {
        process.stdout.write(version() + '\n');
        return 0;
      }
      if (!isTerminal()) throw new UsageError('no command given (the interactive chat needs a terminal)');
      if (values.json) throw new UsageError('the interactive chat has no --json mode');
      ctx = makeContext(values);
      return await runInteractive({ ctx });
    }

    command = findCommand(name);
    if (!command) throw new UsageError(`unknown command: ${name}`);
    const { positionals, values } = parseLine(rest, { ...command.options, ...GLOBAL_OPTIONS }, command.name);
    if (values.help) {
      process.stdout.write(commandHelp(command) + '\n');
      return 0;
    }
    ctx = makeContext(values);
    return (await command.run(ctx, positionals, values)) ?? 0;
  } catch (err) {
    return await fail(err, ctx, command);
  }
}

async function fail(err: unknown, ctx: Context | undefined, command: Command | undefined): Promise<number> {
  if (err instanceof UsageError) {
    const target = err.command === undefined ? command : findCommand(err.command);
    process.stderr.write(`chat: ${err.message}\n${usageLines(target)}\n`);
    return 2;
  }
  let error = toCliError(err, { server: ctx?.server ?? '', onSignedOut: ctx?.usedToken ? () => ctx?.forgetUsedSession() : undefined });
  if (error.code === 'not_signed_in' && ctx && !(await ctx.reachable())) error = unreachable(ctx.server);
  (ctx?.out ?? new Output(false)).error(error.code, error.message);
  return error.exitCode;
}

// A reader that went away (`chat watch | head -1`) is not an error.
process.stdout.on('error', (err: NodeJS.ErrnoException) => {
  if (err.code === 'EPIPE') process.exit(0);
  throw err;
});

const code = await main(process.argv.slice(2));
// Let stdout drain, then exit even if a keep-alive socket or a closing WebSocket lingers.
process.stdout.write('', () => process.exit(code));
