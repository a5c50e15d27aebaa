// send, inbox, history, conversations and search, each run as the real `chat`
// process against a real server; the other side acts through the SDK.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { signedInTerminal, type Terminal } from '../helpers/chat-cli.js';
import { startServer, type TestServer } from '../helpers/server.js';

/** Messages are stamped by the server's manual clock, 2026-11-23T10:00Z; children run with TZ=UTC. */
const AT = String.raw`\[(?:2026-11-23 )?10:00\]`;

let t: TestServer;
before(async () => {
  t = await startServer();
});
after(() => t.close());

describe('chat send', { concurrency: true }, () => {
  it('sends the joined words to a user; --json prints the message', async () => {
    const { terminal } = await signedInTerminal(t, 's-alice');
    const bob = await t.user('s-bob');
    const human = await terminal.run(['send', 's-bob', 'hello', 'there,', 'bob']);
    assert.equal(human.code, 0, human.stderr);
    assert.match(human.stdout, /^sent to s-bob at (2026-11-23 )?10:00\n$/);
    const json = await terminal.run(['send', '--json', 's-bob', '--', '-- a dash first']);
    assert.equal(json.code, 0, json.stderr);
    const { message } = json.json();
    assert.equal(message.body, '-- a dash first');
    const [conversation] = await bob.conversations();
    const { messages } = await bob.history(conversation!.id);
    assert.deepEqual(messages.map((m) => m.body), ['hello there, bob', '-- a dash first']);
  });

  it('--group sends to a group by id; unknown users and groups fail with exit 1', async () => {
    const { terminal, client: alice } = await signedInTerminal(t, 'g-alice');
    await t.user('g-bob');
    const group = await alice.createGroup('Team', ['g-bob']);
    const [ok, noUser, noGroup] = await Promise.all([
      terminal.run(['send', '--group', group.id, 'hi', 'team']),
      terminal.run(['send', 'nobody-here', 'hi']),
      terminal.run(['send', '--group', 'no-such-id', 'hi', '--json']),
    ]);
    assert.equal(ok.code, 0, ok.stderr);
    assert.match(ok.stdout, /^sent to #Team at /);
    assert.equal((await alice.history(group.id)).messages[0]!.body, 'hi team');
    assert.equal(noUser.code, 1);
    assert.equal(noUser.stderr, 'chat: unknown user: nobody-here\n');
    assert.equal(noUser.stdout, '');
    assert.equal(noGroup.code, 1);
    assert.equal(noGroup.json().error.code, 'conversation_not_found');
  });
});

describe('reading: conversations, inbox, history, search', () => {
  let bob: Terminal;
  let groupId: string;
  let directId: string;

  before(async () => {
    ({ terminal: bob } = await signedInTerminal(t, 'r-bob'));
    const alice = await t.user('r-alice');
    const carol = await t.user('r-carol');
    await t.client(bob.session()!.token).send({ to: 'r-alice', body: 'own message, not in the inbox' });
    groupId = (await carol.createGroup('Crew', ['r-bob', 'r-alice'])).id;
    await carol.send({ conversationId: groupId, body: 'hello crew' });
    t.clock.advance(1000); // the direct conversation is then the most recent
    await alice.send({ to: 'r-bob', body: 'first from alice' });
    directId = (await alice.send({ to: 'r-bob', body: 'second from alice' })).conversationId;
  });

  it('conversations lists both with unread counts; --json has the counts', async () => {
    const [human, json] = await Promise.all([bob.run(['conversations']), bob.run(['conversations', '--json'])]);
    assert.equal(human.code, 0, human.stderr);
    const lines = human.stdout.trimEnd().split('\n');
    assert.equal(lines.length, 2);
    assert.match(lines[0]!, new RegExp(`^r-alice +2 unread +${AT} r-alice: second from alice +\\(id ${directId}\\)$`));
    assert.match(lines[1]!, new RegExp(`^#Crew +1 unread +${AT} r-carol: hello crew +\\(id ${groupId}\\)$`));
    const { conversations } = json.json();
    assert.deepEqual(conversations.map((c: { id: string; unread: number }) => [c.id, c.unread]), [[directId, 2], [groupId, 1]]);
  });

  it("inbox shows others' messages once, advancing its cursor, and marks them read", async () => {
    const first = await bob.run(['inbox']);
    assert.equal(first.code, 0, first.stderr);
    assert.match(first.stdout, new RegExp(`^${AT} #Crew r-carol: hello crew\n${AT} r-alice: first from alice\n${AT} r-alice: second from alice\n$`));
    assert.ok(bob.session()!.inboxCursor, 'the cursor is kept in the session file');

    const again = await bob.run(['inbox']);
    assert.equal(again.stdout, 'no new messages\n');

    await (await t.user('r-alice', 'second device')).send({ to: 'r-bob', body: 'third from alice' });
    const json = await bob.run(['inbox', '--json']);
    const doc = json.json();
    assert.deepEqual(doc.messages.map((m: { body: string }) => m.body), ['third from alice']);
    assert.equal(doc.cursor, bob.session()!.inboxCursor);

    const { conversations } = (await bob.run(['conversations', '--json'])).json();
    assert.deepEqual(conversations.map((c: { unread: number }) => c.unread), [0, 0]);
  });

  it('inbox with a saved position the server does not know starts over, with a note', async () => {
    const { terminal, client } = await signedInTerminal(t, 'r-erin');
    await (await t.user('r-frank')).send({ to: 'r-erin', body: 'kept' });
    terminal.sessions.update(t.url, client.token!, { inboxCursor: 'bm90LWEtY3Vyc29y' });
    const r = await terminal.run(['inbox']);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stderr, /the saved inbox position is unknown to this server/);
    assert.match(r.stdout, /r-frank: kept\n$/);
    assert.notEqual(terminal.session()!.inboxCursor, 'bm90LWEtY3Vyc29y');
  });

  it('history by user name, by group title and by id, with --limit', async () => {
    const [byName, byTitle, byId] = await Promise.all([
      bob.run(['history', 'r-alice']),
      bob.run(['history', '#crew']),
      bob.run(['history', directId, '--limit', '2', '--json']),
    ]);
    assert.equal(byName.code, 0, byName.stderr);
    const lines = byName.stdout.trimEnd().split('\n');
    assert.equal(lines[0], `r-alice (id ${directId})`);
    assert.match(lines[1]!, new RegExp(`^${AT} r-bob: own message, not in the inbox$`));
    assert.match(lines.at(-1)!, new RegExp(`^${AT} r-alice: third from alice$`));
    assert.match(byTitle.stdout, new RegExp(`^#Crew \\(id ${groupId}\\)\n${AT} r-carol: hello crew\n$`));
    const doc = byId.json();
    assert.equal(doc.conversation.id, directId);
    assert.equal(doc.hasMore, true);
    assert.deepEqual(doc.messages.map((m: { body: string }) => m.body), ['second from alice', 'third from alice']);
  });

  it('history with a user one has not written to yet, and with an unknown name', async () => {
    await t.user('r-dave');
    const [quiet, unknown] = await Promise.all([bob.run(['history', 'r-dave']), bob.run(['history', 'r-nobody'])]);
    assert.equal(quiet.code, 0, quiet.stderr);
    assert.equal(quiet.stdout, 'no messages with r-dave yet\n');
    assert.equal(unknown.code, 1);
    assert.equal(unknown.stderr, 'chat: unknown user or conversation: r-nobody\n');
  });

  it('search finds users by part of the name', async () => {
    const [human, json, none] = await Promise.all([bob.run(['search', 'R-A']), bob.run(['search', 'r-', '--json', '--limit', '2']), bob.run(['search', 'zzz'])]);
    assert.equal(human.code, 0, human.stderr);
    assert.equal(human.stdout, 'r-alice\n');
    assert.equal(json.json().users.length, 2);
    assert.equal(none.stdout, 'no users match zzz\n');
  });
});
