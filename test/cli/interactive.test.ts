// The interactive chat, as a person uses it: the real `chat` UI runs in tmux
// against a real server, keys go in with send-keys and the screen is read back
// with capture-pane; what the other side sees is checked through the SDK.
// Every wait polls the screen (or the server) until a deadline; none sleeps.
import assert from 'node:assert/strict';
import { rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import WebSocket from 'ws';
import type { ChatClient, ChatStream, StreamEvent } from '../../src/sdk/index.js';
import { signedInTerminal, Terminal } from '../helpers/chat-cli.js';
import { PASSWORD, startServer, tempDir, type TestServer } from '../helpers/server.js';
import { TmuxChat, tmuxVersion } from '../helpers/tmux.js';

let t: TestServer;
const terminals: TmuxChat[] = [];

before(async () => {
  tmuxVersion(); // no tmux: fail here, loudly (CI installs it)
  t = await startServer();
});
after(async () => {
  await Promise.all(terminals.map((x) => x.kill()));
  await t.close();
});

async function openChat(server: string, configDir: string, args: string[] = [], size?: { columns: number; rows: number }): Promise<TmuxChat> {
  const chat = new TmuxChat({ server, configDir, args, ...size });
  terminals.push(chat);
  await chat.start();
  return chat;
}

/**
 * Polls `check` until it holds, or fails after the deadline. A predicate, not an
 * assertion: a failing assert.ok() without a message makes Node parse the test's
 * source to describe it, which under tsx can take a minute each time.
 */
async function eventually(what: string, check: () => boolean | Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) assert.fail(`timed out waiting until ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** A stream of `client`'s events, collected, for typing frames and what arrives. */
function listen(client: ChatClient): { stream: ChatStream; events: StreamEvent[]; open: Promise<void> } {
  const events: StreamEvent[] = [];
  let opened!: () => void;
  const open = new Promise<void>((resolve) => (opened = resolve));
  const stream = client.stream({ WebSocket, onEvent: (e) => events.push(e), onState: (s) => s === 'open' && opened() });
  return { stream, events, open };
}

/** Ctrl+C: the chat ends with exit code 0 and leaves the terminal as it found it. */
async function quit(chat: TmuxChat): Promise<void> {
  await chat.keys('C-c');
  const screen = await chat.waitFor(/EXIT=\d+/);
  assert.match(screen, /EXIT=0/);
  assert.match(screen, /TTY=restored/, 'the terminal modes (raw, echo) are back as they were');
  assert.equal(await chat.display('#{alternate_on}'), '0', 'back on the main screen');
  assert.equal(await chat.display('#{cursor_flag}'), '1', 'the cursor is visible again');
}

describe('chat (interactive) in a real terminal', { concurrency: true, timeout: 120_000 }, () => {
  it('signs in through the sign-in screen with the password masked, and Ctrl+C gives the terminal back', async () => {
    const bob = await t.user('ia-bob');
    await t.user('ia-alice');
    await bob.send({ to: 'ia-alice', body: 'hello before sign-in' });
    const configDir = tempDir('chat-ui-');
    const chat = await openChat(t.url, configDir);
    try {
      await chat.waitFor(`Sign in to ${t.url}`);
      assert.match(await chat.screen(), /Ctrl\+R/, 'hints are on screen');
      await chat.type('ia-alice');
      await chat.keys('Enter');
      await chat.type(PASSWORD);
      const masked = await chat.waitFor('*'.repeat(PASSWORD.length));
      assert.ok(!masked.includes(PASSWORD), 'the password never shows');
      await chat.keys('Enter');

      const list = await chat.waitFor(/ia-bob\s+1 unread/);
      // The list may show before the stream is open (it waits at most 3 s for it).
      await chat.waitFor('● online');
      assert.match(list, /Ctrl\+N\s+new conversation/);
      const stored = new Terminal(t.url, configDir).session();
      assert.equal(stored?.user.name, 'ia-alice');
      assert.equal(statSync(join(configDir, 'session.json')).mode & 0o777, 0o600);
      await quit(chat);
    } finally {
      await chat.kill();
    }
  });

  it('signs up (Ctrl+R) and is signed in with the new account', async () => {
    const chat = await openChat(t.url, tempDir('chat-ui-'));
    try {
      await chat.waitFor('Sign in to');
      await chat.keys('C-r');
      await chat.waitFor('Create an account');
      for (const [value, key] of [['ia-erin', 'Tab'], ['ia-erin@example.com', 'Tab'], [PASSWORD, 'Tab'], [PASSWORD, 'Enter']] as const) {
        await chat.type(value);
        await chat.keys(key);
      }
      await chat.waitFor('No conversations yet');
      assert.match(await chat.screen(), /chat · ia-erin/);
      await t.client().login({ login: 'ia-erin', password: PASSWORD, deviceName: 'check' }); // the account exists
      await quit(chat);
    } finally {
      await chat.kill();
    }
  });

  it('lists, opens, reads live, shows typing, sends, starts a conversation, shows sent messages, and redraws on resize', async () => {
    const { terminal, client: aliceElsewhere } = await signedInTerminal(t, 'iu-alice');
    const bob = await t.user('iu-bob');
    const carol = await t.user('iu-carol');
    await bob.send({ to: 'iu-alice', body: 'hello from bob' });
    const chat = await openChat(t.url, terminal.configDir);
    try {
      // The list, with unread counts; Enter opens the selected conversation and marks it read.
      await chat.waitFor(/› (●| ) iu-bob\s+1 unread/);
      await chat.waitFor('● online');
      await chat.keys('Enter');
      await chat.waitFor(/Esc\s+back/);
      await chat.waitFor('iu-bob: hello from bob');
      await eventually('the conversation is marked read', async () => (await aliceElsewhere.conversations())[0]?.unread === 0);

      // A message from bob arrives live; so does his typing.
      await bob.send({ to: 'iu-alice', body: 'are you there?' });
      await chat.waitFor('iu-bob: are you there?');
      const bobLive = listen(bob);
      await bobLive.open;
      const conversationId = (await bob.conversations())[0]!.id;
      bobLive.stream.typing(conversationId);
      await chat.waitFor('iu-bob is typing…');

      // Typing sends typing frames; Enter sends, and bob gets it.
      await chat.type('hi bob, yes');
      await eventually('bob gets a typing frame from alice', () => bobLive.events.some((e) => e.type === 'typing' && e.userId === aliceElsewhere.userId));
      await chat.keys('Enter');
      await chat.waitFor('you: hi bob, yes');
      await eventually('bob has the reply', async () => (await bob.history(conversationId)).messages.at(-1)?.body === 'hi bob, yes');
      await eventually('the reply reaches bob live', () => bobLive.events.some((e) => e.type === 'message' && e.message.body === 'hi bob, yes'));
      bobLive.stream.close();

      // Esc: back to the list. Ctrl+N: a user by name, and a first message starts the conversation.
      await chat.keys('Escape');
      await chat.waitFor(/Enter\s+open/);
      await chat.keys('C-n');
      await chat.waitFor('Start a conversation');
      await chat.type('iu-car');
      await chat.waitFor('› iu-carol');
      await chat.keys('Enter');
      await chat.waitFor('new conversation: your first message starts it');
      await chat.type('hey carol');
      await chat.keys('Enter');
      await chat.waitFor('you: hey carol');
      await eventually('carol has the message', async () => (await carol.conversations())[0]?.lastMessage?.body === 'hey carol');

      // The seed's "list sent": F2, then 5.
      await chat.keys('F2');
      await chat.waitFor("Items 1-6 are the original client's menu");
      await chat.type('5');
      const sent = await chat.waitFor('you → iu-carol: hey carol');
      assert.match(sent, /you → iu-bob: hi bob, yes/);
      assert.doesNotMatch(sent, /hello from bob/);
      await chat.keys('Escape');
      await chat.waitFor(/Enter\s+open/);

      // Resize: everything is redrawn to the new width, hints and status included.
      await chat.resize(70, 20);
      const small = await chat.waitFor((s) => /^chat · iu-alice .*● online$/m.test(s) && s.split('\n')[0]!.length === 70);
      assert.ok(small.split('\n').every((line) => line.length <= 70), small);
      assert.match(small, /Enter\s+open/);
      await quit(chat);
    } finally {
      await chat.kill();
    }
  });

  it('chat open USER opens straight into the conversation; PageUp loads older messages', async () => {
    const { terminal } = await signedInTerminal(t, 'io-alice');
    const dave = await t.user('io-dave');
    for (let i = 1; i <= 70; i++) await dave.send({ to: 'io-alice', body: `dave says ${String(i).padStart(2, '0')}` });
    const chat = await openChat(t.url, terminal.configDir, ['open', 'io-dave'], { columns: 100, rows: 30 });
    try {
      // The list's preview shows the same line first: wait for the conversation view itself.
      const first = await chat.waitFor((screen) => /PgUp: older messages/.test(screen) && screen.includes('io-dave: dave says 70'));
      assert.doesNotMatch(first, /dave says 01/);
      for (let presses = 0; ; presses++) {
        assert.ok(presses < 10, 'PageUp reaches the first message');
        const before = await chat.screen();
        if (before.includes('dave says 01')) break;
        await chat.keys('PPage');
        await chat.waitFor((s) => s !== before);
      }
      await chat.waitFor('start of the conversation');
      await chat.keys('NPage');
      await chat.waitFor((s) => !s.includes('dave says 01'));
      await quit(chat);
    } finally {
      await chat.kill();
    }
  });

  it('a session ended elsewhere (device revoked) goes back to the sign-in screen and forgets the token', async () => {
    const { terminal, client } = await signedInTerminal(t, 'iv-alice', 'terminal');
    const other = await t.user('iv-alice', 'other');
    const chat = await openChat(t.url, terminal.configDir);
    try {
      await chat.waitFor('No conversations yet');
      await chat.waitFor('● online');
      await other.revokeDevice(client.deviceId);
      const screen = await chat.waitFor('Sign in to');
      assert.match(screen, /signed out: this device's session on .* has ended/);
      assert.equal(terminal.session(), undefined);
      await quit(chat);
    } finally {
      await chat.kill();
    }
  });

  it('shows the connection going and coming back, and resumes without losing a message', async () => {
    const dataDir = tempDir();
    let own = await startServer({ dataDir });
    const port = Number(new URL(own.url).port);
    const { terminal } = await signedInTerminal(own, 'ir-alice');
    const bob = await own.user('ir-bob');
    await bob.send({ to: 'ir-alice', body: 'before the restart' });
    const chat = await openChat(own.url, terminal.configDir);
    try {
      await chat.waitFor(/ir-bob.*before the restart/);
      await chat.waitFor('● online');
      await own.close();
      await chat.waitFor('reconnecting');
      own = await startServer({ dataDir, port });
      const bobAgain = own.client(bob.token!);
      await bobAgain.send({ to: 'ir-alice', body: 'while you were away' });
      await chat.waitFor('● online', 30_000);
      await chat.waitFor(/ir-bob\s+2 unread .*while you were away/);
      await quit(chat);
    } finally {
      await chat.kill();
      await own.close().catch(() => undefined);
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
