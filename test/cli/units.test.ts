// The CLI's pure parts, in process: server URLs, the session file, argv parsing,
// times, and the hidden prompt on a fake terminal.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { PassThrough } from 'node:stream';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { parseLine, splitCommand } from '../../src/cli/args.js';
import { GLOBAL_OPTIONS } from '../../src/cli/command.js';
import { UsageError } from '../../src/cli/errors.js';
import { formatTime } from '../../src/cli/format.js';
import { readHidden, readPassword } from '../../src/cli/prompt.js';
import { SessionFile, type StoredSession } from '../../src/cli/session-file.js';
import { configDir, normalizeServer } from '../../src/cli/settings.js';
import { tempDir } from '../helpers/server.js';

describe('cli units', () => {
  it('normalizes server URLs into one key', () => {
    assert.equal(normalizeServer('http://127.0.0.1:3000/'), 'http://127.0.0.1:3000');
    assert.equal(normalizeServer('HTTP://Chat.Example.com:80/api//'), 'http://chat.example.com/api');
    assert.equal(normalizeServer('localhost:4000'), 'http://localhost:4000');
    for (const bad of ['ftp://x', 'http://', 'http://a/?q=1', 'http://u:p@a']) assert.throws(() => normalizeServer(bad), UsageError, bad);
    assert.equal(configDir({ CHAT_CONFIG_DIR: '/c' }), '/c');
    assert.equal(configDir({ XDG_CONFIG_HOME: '/x' }), join('/x', 'chat-api'));
  });

  it('keeps one session per server; update and delete only touch the session holding the token', (tc) => {
    const home = tempDir();
    tc.after(() => rmSync(home, { recursive: true, force: true }));
    const file = new SessionFile(join(home, 'nested'));
    const s = (token: string): StoredSession => ({ token, user: { id: 'u', name: 'ann' }, device: { id: 'd', name: 'x' }, signedInAt: '' });
    file.set('http://a', s('ta'));
    file.set('http://b', s('tb'));
    file.update('http://a', 'stale', { inboxCursor: 'no' });
    file.update('http://a', 'ta', { inboxCursor: 'c1' });
    file.delete('http://b', 'stale');
    assert.equal(file.get('http://a')!.inboxCursor, 'c1');
    assert.equal(file.get('http://b')!.token, 'tb');
    file.delete('http://b', 'tb');
    assert.equal(file.get('http://b'), undefined);
  });

  it('splits argv into command and options, in any order, and refuses unknown options', () => {
    const spec = { ...GLOBAL_OPTIONS, limit: { type: 'string' as const, help: '' } };
    const { command, rest } = splitCommand(['--server', 'http://x', 'history', 'bob', '--limit', '5'], spec);
    assert.equal(command, 'history');
    assert.deepEqual(parseLine(rest, spec, 'history'), { positionals: ['bob'], values: { server: 'http://x', limit: '5' } });
    assert.deepEqual(parseLine(['--', '--json', 'x'], spec).positionals, ['--json', 'x']);
    assert.throws(() => parseLine(['--json=yes'], spec), /--json takes no value/);
    assert.throws(() => parseLine(['-x'], spec), /unknown option -x/);
  });

  it('shows the time alone today, with the date on other days', () => {
    const now = new Date(2026, 10, 23, 18, 30);
    assert.equal(formatTime(new Date(2026, 10, 23, 9, 5).toISOString(), now), '09:05');
    assert.equal(formatTime(new Date(2026, 10, 22, 23, 59).toISOString(), now), '2026-11-22 23:59');
  });

  it('reads a password from a terminal without echo, with backspace; Ctrl+C cancels', async () => {
    const fakeTty = () => {
      const input = Object.assign(new PassThrough(), { isTTY: true, raw: [] as boolean[], setRawMode(raw: boolean) { input.raw.push(raw); return input; } });
      let written = '';
      return { io: { input, output: { write: (s: string) => (written += s) } }, input, written: () => written };
    };
    const a = fakeTty();
    const typed = readHidden('Password: ', a.io);
    a.input.write('secret!\u007f1\u001b[A');
    a.input.write('\r');
    assert.equal(await typed, 'secret1');
    assert.equal(a.written(), 'Password: \n');
    assert.deepEqual(a.input.raw, [true, false]);

    const b = fakeTty();
    const cancelled = readHidden('Password: ', b.io);
    b.input.write('abc\u0003');
    await assert.rejects(cancelled, /cancelled/);
    assert.deepEqual(b.input.raw, [true, false]);

    const c = fakeTty();
    const twice = readPassword(c.io, { passwordStdin: false, confirm: true, command: 'register' });
    c.input.write('one\r');
    setImmediate(() => c.input.write('two\r'));
    await assert.rejects(twice, /the passwords do not match/);
  });

  it('reads a password from stdin without its trailing newline', async () => {
    const input = new PassThrough();
    input.end('pass word\r\n');
    assert.equal(await readPassword({ input, output: { write: () => true } }, { passwordStdin: true, command: 'login' }), 'pass word');
  });
});
