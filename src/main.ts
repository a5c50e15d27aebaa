// The `chat-api` command: serve, migrate, --help. Reads argv and the environment
// once, runs the server as a process, and shuts it down cleanly on SIGTERM/SIGINT.
import { parseArgs } from 'node:util';
import { ConfigError, SETTINGS, loadConfig, settingsHelp, type Config } from './config.js';
import { createServer } from './server.js';
import { migrateSqlite, openDatabase } from './store/sqlite/index.js';

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

function parse(argv: string[]): { command: string | undefined; config: Config; help: boolean } {
  const options: Record<string, { type: 'string' | 'boolean' }> = { help: { type: 'boolean' } };
  for (const s of SETTINGS) options[s.flag] = { type: 'string' };
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options, allowPositionals: true, strict: true });
  } catch (err) {
    fail(`${(err as Error).message}\nRun chat-api --help for the options.`, 2);
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
      () => process.exit(0),
      (err: unknown) => fail(`shutdown failed: ${(err as Error).message}`),
    );
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
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
    if (config.databaseUrl) fail('DATABASE_URL: the PostgreSQL store is not part of this version yet');
    const db = openDatabase(config.dataDir);
    const applied = migrateSqlite(db);
    db.close();
    process.stdout.write(applied.length ? `applied migrations ${applied.join(', ')}\n` : 'the database is up to date\n');
    return;
  }
  fail(`unknown command "${command}"; run chat-api --help`, 2);
}

main(process.argv.slice(2)).catch((err: unknown) => fail(err instanceof Error ? err.message : String(err)));
