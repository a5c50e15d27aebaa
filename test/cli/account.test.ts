// register, login, logout against a real server: passwords only from stdin or
// a no-echo prompt, the session file (0600 in a 0700 directory, keyed by server).
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { rmSync, statSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { ChatApiError } from '../../src/sdk/index.js';
import { childEnv, hasScript, runOnTerminal, Terminal } from '../helpers/chat-cli.js';
import { PASSWORD, startServer, tempDir, type TestServer } from '../helpers/server.js';

let t: TestServer;
before(async () => {
  t = await startServer();
});
after(() => t.close());

const stdin = `${PASSWORD}\n`;

async function assertTokenRefused(token: string) {
  await assert.rejects(t.client(token).me(), (err: ChatApiError) => err.status === 401);
}

describe('chat register', { concurrency: true }, () => {
  it('creates the account from a password on stdin; --json prints the user', async () => {
    const term = new Terminal(t.url);
    const [human, json] = await Promise.all([
      term.run(['register', 'reg-a', 'reg-a@example.com', '--password-stdin'], { input: stdin }),
      term.run(['register', 'reg-b', 'reg-b@example.com', '--password-stdin', '--json'], { input: stdin }),
    ]);
    assert.equal(human.code, 0, human.stderr);
    assert.equal(human.stdout, `registered reg-a on ${t.url}; sign in with: chat login reg-a\n`);
    assert.equal(json.code, 0, json.stderr);
    const { user } = json.json();
    assert.equal(user.name, 'reg-b');
    assert.equal(user.email, 'reg-b@example.com');
    await t.client().login({ login: 'reg-a@example.com', password: PASSWORD, deviceName: 'x' });
  });

  it('refuses a taken name and a short password, saying which', async () => {
    await t.user('reg-taken');
    const term = new Terminal(t.url);
    const [taken, short] = await Promise.all([
      term.run(['register', 'reg-taken', 'other@example.com', '--password-stdin'], { input: stdin }),
      term.run(['register', 'reg-short', 'reg-short@example.com', '--password-stdin'], { input: 'short\n' }),
    ]);
    assert.equal(taken.code, 1);
    assert.equal(taken.stderr, 'chat: the name reg-taken is taken\n');
    assert.equal(short.code, 1);
    assert.equal(short.stderr, 'chat: the password must be 8-256 characters\n');
  });
});

describe('chat login and logout', () => {
  it('signs in, keeps the token in a 0600 session.json keyed by the server URL, and signs out', async (tc) => {
    await t.user('ann');
    const home = tempDir();
    tc.after(() => rmSync(home, { recursive: true, force: true }));
    const term = new Terminal(t.url, join(home, 'config', 'chat-api')); // created by chat itself
    const login = await term.run(['login', 'ann', '--device', 'laptop', '--password-stdin', '--json'], { input: stdin });
    assert.equal(login.code, 0, login.stderr);
    const doc = login.json();
    assert.equal(doc.server, t.url);
    assert.equal(doc.user.name, 'ann');
    assert.equal(doc.device.name, 'laptop');
    assert.ok(!login.stdout.includes('token'), 'the token is never printed');

    assert.equal(statSync(term.sessions.path).mode & 0o777, 0o600);
    assert.equal(statSync(term.configDir).mode & 0o777, 0o700);
    const session = term.session()!;
    assert.equal(session.device.id, doc.device.id);
    const me = await t.client(session.token).me();
    assert.equal(me.device.name, 'laptop');

    const logout = await term.run(['logout']);
    assert.equal(logout.code, 0, logout.stderr);
    assert.equal(logout.stdout, `signed out of ${t.url} (ann, device "laptop")\n`);
    assert.equal(term.session(), undefined);
    assert.equal(statSync(term.sessions.path).mode & 0o777, 0o600);
    await assertTokenRefused(session.token);

    const again = await term.run(['logout']);
    assert.equal(again.code, 1);
    assert.match(again.stderr, /^chat: not signed in to /);
  });

  it('names the device after the host by default; a second login replaces the session and signs the old device out', async () => {
    await t.user('ben');
    const term = new Terminal(t.url);
    const first = await term.run(['login', 'ben', '--password-stdin'], { input: stdin });
    assert.equal(first.code, 0, first.stderr);
    const expected = Array.from(hostname()).slice(0, 64).join('');
    assert.equal(first.stdout, `signed in to ${t.url} as ben (device "${expected}")\n`);
    const old = term.session()!;

    const second = await term.run(['login', 'ben@example.com', '--device', 'desk', '--password-stdin'], { input: stdin });
    assert.equal(second.code, 0, second.stderr);
    assert.match(second.stderr, /signed out the previous session \(ben, device ".*"\)/);
    assert.equal(term.session()!.device.name, 'desk');
    await assertTokenRefused(old.token);
  });

  it('a wrong password fails with exit 1 and keeps no session', async () => {
    await t.user('cid');
    const term = new Terminal(t.url);
    const r = await term.run(['login', 'cid', '--password-stdin', '--json'], { input: 'not the password\n' });
    assert.equal(r.code, 1);
    assert.equal(r.stderr, 'chat: wrong name, email or password\n');
    assert.deepEqual(r.json(), { error: { code: 'invalid_credentials', message: 'wrong name, email or password' } });
    assert.equal(term.session(), undefined);
  });
});

describe('passwords typed at a terminal', { skip: !hasScript && 'needs script(1) from util-linux' }, () => {
  /** Types `passwords` one by one, each when a new "Password" prompt shows. */
  const typist = (passwords: string[]) => {
    let answered = 0;
    return (output: string) => {
      const prompts = output.match(/Password( \(again\))?: /g)?.length ?? 0;
      if (prompts > answered && answered < passwords.length) return `${passwords[answered++]}\r`;
      return undefined;
    };
  };

  it('register asks twice with echo off; a mismatch fails', async () => {
    const term = new Terminal(t.url);
    const env = childEnv(t.url, term.configDir);
    const [ok, mismatch] = await Promise.all([
      runOnTerminal(['register', 'tty-user', 'tty-user@example.com'], env, typist(['typed secret 1', 'typed secret 1'])),
      runOnTerminal(['register', 'tty-other', 'tty-other@example.com'], env, typist(['typed secret 1', 'typed secret 2'])),
    ]);
    assert.equal(ok.code, 0, ok.output);
    assert.match(ok.output, /Password: \r?\nPassword \(again\): \r?\nregistered tty-user/);
    assert.ok(!ok.output.includes('typed secret'), 'the password is not echoed');
    assert.equal(mismatch.code, 1);
    assert.match(mismatch.output, /chat: the passwords do not match/);

    const login = await runOnTerminal(['login', 'tty-user'], env, typist(['typed secret 1']));
    assert.equal(login.code, 0, login.output);
    assert.ok(!login.output.includes('typed secret'));
    assert.equal(term.session()!.user.name, 'tty-user');
  });
});
