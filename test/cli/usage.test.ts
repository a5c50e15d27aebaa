// `chat` without a server behind it: help, usage errors (exit 2), the
// interactive chat's start, and what it says when the server cannot be reached.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { freePort } from '../helpers/process.js';
import { startServer } from '../helpers/server.js';
import { childEnv, hasScript, runOnTerminal, Terminal } from '../helpers/chat-cli.js';

const COMMANDS = ['register', 'login', 'logout', 'send', 'inbox', 'history', 'conversations', 'group', 'search', 'devices', 'watch', 'open'];
const term = new Terminal('http://127.0.0.1:9'); // nothing is asked of this server

/** A bad usage: exit 2, the cause and a usage line on stderr, nothing on stdout. */
async function usageError(args: string[], cause: RegExp, usage: RegExp, input?: string) {
  const r = await term.run(args, { input });
  assert.equal(r.code, 2, r.stderr);
  assert.equal(r.stdout, '');
  const [first, second] = r.stderr.split('\n');
  assert.match(first!, /^chat: /);
  assert.match(first!, cause);
  assert.match(second!, usage);
}

describe('chat: help and usage', { concurrency: true }, () => {
  it('--help lists every command, the options, the environment and the exit codes', async () => {
    const r = await term.run(['--help']);
    assert.equal(r.code, 0);
    assert.equal(r.stderr, '');
    for (const c of COMMANDS) assert.match(r.stdout, new RegExp(`^  ${c}\\b`, 'm'));
    for (const s of ['--server URL', '--json', 'CHAT_SERVER', 'CHAT_CONFIG_DIR', '--password-stdin', 'Exit codes: 0 success, 1 failure']) assert.ok(r.stdout.includes(s), s);
  });

  it('--help keeps its columns within 80 characters: wrapped text stays in its column', async () => {
    const [top, group] = await Promise.all([term.run(['--help']), term.run(['group', '--help'])]);
    for (const r of [top, group]) for (const line of r.stdout.split('\n')) assert.ok(line.length <= 80, `${line.length}: ${line}`);
    const rows = top.stdout.slice(top.stdout.indexOf('commands:\n') + 10, top.stdout.indexOf('\n\n', top.stdout.indexOf('commands:'))).split('\n');
    const column = rows[0]!.indexOf('create an account');
    for (const row of rows) {
      assert.ok(row.startsWith('  '), row);
      assert.equal(row.slice(0, column).trimEnd().length < column - 1, true, `a command name stays left of the text column: ${row}`);
      assert.notEqual(row[column], ' ', `text starts in column ${column}: ${row}`);
    }
    assert.match(top.stdout, /^ {2}group ACTION … +create or rename a group/m);
  });

  it('COMMAND --help and help COMMAND show the command; watch documents its NDJSON', async () => {
    const [send, helpSend, watch, version] = await Promise.all([term.run(['send', '--help']), term.run(['help', 'send']), term.run(['watch', '-h']), term.run(['--version'])]);
    assert.equal(send.code, 0);
    assert.match(send.stdout, /^usage: chat send USER MESSAGE…\n {7}chat send --group GROUP MESSAGE…/);
    assert.match(send.stdout, /--group GROUP/);
    assert.equal(helpSend.stdout, send.stdout);
    assert.equal(watch.code, 0);
    assert.match(watch.stdout, /NDJSON: one JSON document per line/);
    assert.equal(version.stdout.trim(), JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')).version);
  });

  it('no arguments without a terminal: usage, exit 2', () => usageError([], /no command given/, /^usage: chat COMMAND/));
  it('an unknown command', () => usageError(['frobnicate'], /unknown command: frobnicate/, /^usage: chat COMMAND/));
  it('an unknown option, with the usage of the command', () => usageError(['send', '--loud', 'bob', 'hi'], /unknown option --loud/, /^usage: chat send USER MESSAGE… \| chat send --group GROUP MESSAGE…/));
  it('a missing argument', () => usageError(['send', 'bob'], /the message is empty/, /^usage: chat send/));
  it('an option without its value', () => usageError(['history', 'bob', '--limit'], /--limit needs a value/, /^usage: chat history/));
  it('a limit out of range', () => usageError(['history', 'bob', '--limit', '0'], /--limit must be a whole number from 1 to 200/, /^usage: chat history/));
  it('a bad server URL', () => usageError(['inbox', '--server', 'ftp://example.com'], /invalid server URL/, /^usage: chat inbox/));
  it('an unknown devices action', () => usageError(['devices', 'delete', 'x'], /unknown devices action: delete/, /^usage: chat devices/));
  it('a password with no terminal to ask on and no --password-stdin', () =>
    usageError(['login', 'alice'], /stdin is not a terminal.*--password-stdin/, /^usage: chat login NAME_OR_EMAIL/));
});

describe('chat: failures name their cause', { concurrency: true }, () => {
  it('an unreachable server is named by its URL (exit 1), also in --json', async () => {
    const url = `http://127.0.0.1:${await freePort()}`; // nothing listens there
    const [human, json] = await Promise.all([
      term.run(['login', 'alice', '--password-stdin', '--server', url], { input: 'correct horse battery\n' }),
      term.run(['register', 'alice', 'alice@example.com', '--password-stdin', '--json'], { input: 'correct horse battery\n', env: { CHAT_SERVER: url } }),
    ]);
    assert.equal(human.code, 1);
    assert.equal(human.stdout, '');
    assert.equal(human.stderr, `chat: cannot reach the server at ${url} (is it running? choose another with --server or CHAT_SERVER)\n`);
    assert.equal(json.code, 1);
    assert.deepEqual(json.json(), { error: { code: 'server_unreachable', message: `cannot reach the server at ${url} (is it running? choose another with --server or CHAT_SERVER)` } });
  });

  it('no session: "not signed in" names the server, when it answers', async () => {
    const t = await startServer();
    try {
      const r = await term.run(['conversations', '--server', `${t.url}/`]);
      assert.equal(r.code, 1);
      assert.equal(r.stderr, `chat: not signed in to ${t.url}; sign in with: chat login NAME_OR_EMAIL\n`);
    } finally {
      await t.close();
    }
  });

  it('no session and no server: unreachable, not "not signed in"', async () => {
    const url = `http://127.0.0.1:${await freePort()}`; // nothing listens there
    const r = await term.run(['inbox', '--server', url, '--json']);
    assert.equal(r.code, 1);
    assert.equal(r.stderr, `chat: cannot reach the server at ${url} (is it running? choose another with --server or CHAT_SERVER)\n`);
    assert.equal(r.json().error.code, 'server_unreachable');
  });
});

describe('chat on a terminal', { skip: !hasScript && 'needs script(1) from util-linux', timeout: 60_000 }, () => {
  it('with no arguments and no session starts the interactive chat on its sign-in screen; Ctrl+C exits 0', async () => {
    let quit = false;
    const r = await runOnTerminal([], childEnv(term.server, term.configDir), (output) => {
      if (quit || !output.includes('Sign in to')) return undefined;
      quit = true;
      return '\u0003';
    });
    assert.equal(r.code, 0, r.output);
    assert.match(r.output, /Sign in to http:\/\/127\.0\.0\.1:9/);
  });

  it('Ctrl+C typed before the first frame is drawn is a key that quits (exit 0), not a signal', async () => {
    let quit = false;
    const r = await runOnTerminal([], childEnv(term.server, term.configDir), (output) => {
      if (quit || !output.includes('\u001b[?1049h')) return undefined; // the screen is taken; Ink has not drawn yet
      quit = true;
      return '\u0003';
    });
    assert.equal(r.code, 0, r.output);
    assert.doesNotMatch(r.output, /\^C/, 'the terminal was still cooked: Ctrl+C was echoed and sent as SIGINT');
  });

  it('with a session on a server that is down fails like any command: one line, exit 1', async () => {
    const down = new Terminal('http://127.0.0.1:9');
    down.sessions.set(down.server, { token: 't', user: { id: 'u', name: 'someone' }, device: { id: 'd', name: 'x' }, signedInAt: new Date().toISOString() });
    const r = await runOnTerminal(['open', 'someone-else'], childEnv(down.server, down.configDir));
    assert.equal(r.code, 1);
    assert.match(r.output, /chat: cannot reach the server at http:\/\/127\.0\.0\.1:9/);
  });
});
