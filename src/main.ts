// The `chat-api` command: serve, migrate, --help. Reads argv and the environment
// once, runs the server as a process, and shuts it down cleanly on SIGTERM/SIGINT.
import { parseArgs } from 'node:util';
import { ConfigError, SETTINGS, loadConfig, settingsHelp, type Config } from './config.js';
import { createServer } from './server.js';
import { migrateSqlite, openDatabase } from './store/sqlite/index.js';
import { migratePostgresAt } from './store/postgres/index.js';

const USAGE = `chat-api - a self-hostable chat server

Usage:
  chat-api serve [options]     serve the API (and the web app) until SIGTERM
  chat-api migrate [options]   apply database migrations, then exit
  chat-api --help              this text

Options (each also an environment variable; flags win):
${settingsHelp()}
`;

function fail(message: string, code = 1): never {
  process.stderr.write(`chat-api: ${message}\n`);
  process.exit(code);
}

/** A bad command line: the problem in one line, then the usage, exit 2. */
function usageError(problem: string): never {
  process.stderr.write(`chat-api: ${problem}\n\n${USAGE}`);
  process.exit(2);
}

/** node:util's parseArgs explains itself in a paragraph; say which option and what is wrong. */
function argumentProblem(err: Error & { code?: string }): string {
  const option = /'(-[^' ]+)/.exec(err.message)?.[1];
  if (err.code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' && option) return `unknown option ${option}`;
  if (err.code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE' && option) return `option ${option} needs a value`;
  return err.message;
}

function parse(argv: string[]): { command: string | undefined; config: Config; help: boolean } {
  const options: Record<string, { type: 'string' | 'boolean' }> = { help: { type: 'boolean' } };
  for (const s of SETTINGS) options[s.flag] = { type: 'string' };
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options, allowPositionals: true, strict: true });
  } catch (err) {
    usageError(argumentProblem(err as Error & { code?: string }));
  }
  const help = parsed.values.help === true;
  const flags: Record<string, string | undefined> = {};
  for (const s of SETTINGS) flags[s.flag] = parsed.values[s.flag] as string | undefined;
  try {
    return { command: parsed.positionals[0], config: loadConfig(process.env, flags), help };
  } catch (err) {
    if (err instanceof ConfigError) fail(err.message);
    throw err;
  }
}

async function serve(config: Config): Promise<void> {
  const server = await createServer(config);
  const address = await server.listen();
  server.app.log.info({ address, dataDir: config.dataDir, legacyApi: config.legacyApi }, `chat-api listening on ${address}`);
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    server.app.log.info({ signal }, 'shutting down');
    const force = setTimeout(() => fail('shutdown took longer than 10 s; exiting'), 10_000);
    force.unref();
    server.close().then(
      () => {
        // The last line of the log: the server really stopped (pino writes stdout synchronously).
        server.app.log.info({ signal }, 'chat-api stopped');
        process.exit(process.exitCode ?? 0);
      },
      (err: unknown) => fail(`shutdown failed: ${(err as Error).message}`),
    );
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
  // The last line of defence, not the fix: every socket and frame has its own
  // handler. A rejected promise nobody awaited leaves no state half-changed, so
  // the server logs it and serves on; after an uncaught exception Node's state
  // cannot be trusted, so the server logs it and stops as on SIGTERM (exit 1).
  process.on('unhandledRejection', (err) => server.app.log.error({ err }, 'unhandled rejection (the server keeps serving)'));
  process.on('uncaughtException', (err) => {
    server.app.log.fatal({ err }, 'uncaught exception: shutting down');
    process.exitCode = 1;
    stop('uncaughtException');
  });
}

function migrateSqliteIn(dataDir: string): number[] {
  const db = openDatabase(dataDir);
  try {
    return migrateSqlite(db);
  } finally {
    db.close();
  }
}

export async function main(argv: string[]): Promise<void> {
  const { command, config, help } = parse(argv);
  if (help || command === undefined || command === 'help') {
    process.stdout.write(USAGE);
    if (!help && command === undefined) process.exitCode = 2;
    return;
  }
  if (command === 'serve') return serve(config);
  if (command === 'migrate') {
    const applied = config.databaseUrl ? await migratePostgresAt(config.databaseUrl) : migrateSqliteIn(config.dataDir);
    process.stdout.write(applied.length ? `applied migrations ${applied.join(', ')}\n` : 'the database is up to date\n');
    return;
  }
  usageError(`unknown command ${command}`);
}

main(process.argv.slice(2)).catch((err: unknown) => fail(err instanceof Error ? err.message : String(err)));
