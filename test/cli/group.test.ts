// `chat group …` and `chat send --group TITLE`, run as the real `chat` process
// against a real server; the other members act and look through the SDK.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { signedInTerminal } from '../helpers/chat-cli.js';
import { startServer, type TestServer } from '../helpers/server.js';

let t: TestServer;
before(async () => {
  t = await startServer();
});
after(() => t.close());

const memberNames = (c: { members: { name: string }[] }) => c.members.map((m) => m.name).sort();

describe('chat group', { concurrency: true }, () => {
  it('create, members, add, remove, leave: each changes the group on the server', async () => {
    const { terminal: alice } = await signedInTerminal(t, 'gc-alice');
    const bob = await t.user('gc-bob');
    await t.user('gc-carol');
    await t.user('gc-dave');

    const created = await alice.run(['group', 'create', 'Weekend', 'gc-bob', 'gc-carol']);
    assert.equal(created.code, 0, created.stderr);
    const [group] = await bob.conversations();
    assert.equal(group!.title, 'Weekend');
    assert.deepEqual(memberNames(group!), ['gc-alice', 'gc-bob', 'gc-carol']);
    assert.equal(created.stdout, `created #Weekend (id ${group!.id}): gc-bob, gc-carol, you\n`);

    const members = await alice.run(['group', 'members', 'weekend']);
    assert.equal(members.code, 0, members.stderr);
    assert.equal(members.stdout, `#Weekend (id ${group!.id}), 3 members:\n${memberNames(group!).map((n) => `  ${n === 'gc-alice' ? 'gc-alice (you)' : n}`).join('\n')}\n`);

    const added = await alice.run(['group', 'add', 'Weekend', 'gc-dave', '--json']);
    assert.equal(added.code, 0, added.stderr);
    assert.deepEqual(memberNames(added.json().conversation), ['gc-alice', 'gc-bob', 'gc-carol', 'gc-dave']);

    const renamed = await alice.run(['group', 'rename', 'weekend', 'Long weekend']);
    assert.equal(renamed.code, 0, renamed.stderr);
    assert.match(renamed.stdout, /^renamed #Weekend to #Long weekend \(id /);
    assert.equal((await bob.conversations())[0]!.title, 'Long weekend', 'renamed on the server');
    const renamedBack = await alice.run(['group', 'rename', 'Long weekend', 'Weekend', '--json']);
    assert.equal(renamedBack.json().conversation.title, 'Weekend');

    const removed = await alice.run(['group', 'remove', group!.id, 'GC-Carol']);
    assert.equal(removed.code, 0, removed.stderr);
    assert.equal(removed.stdout, 'removed gc-carol from #Weekend\n');
    assert.deepEqual(memberNames((await bob.conversations())[0]!), ['gc-alice', 'gc-bob', 'gc-dave']);

    const left = await alice.run(['group', 'leave', '#Weekend']);
    assert.equal(left.code, 0, left.stderr);
    assert.equal(left.stdout, 'left #Weekend\n');
    assert.deepEqual(memberNames((await bob.conversations())[0]!), ['gc-bob', 'gc-dave']);
    const gone = await alice.run(['group', 'members', 'Weekend']);
    assert.equal(gone.code, 1);
    assert.match(gone.stderr, /^chat: unknown group: Weekend/);
  });

  it('send --group takes a title (any case) or an id', async () => {
    const { terminal: alice, client } = await signedInTerminal(t, 'gs-alice');
    await t.user('gs-bob');
    const group = await client.createGroup('Crew', ['gs-bob']);
    const [byTitle, byId] = [await alice.run(['send', '--group', 'crew', 'hello', 'crew']), await alice.run(['send', '--group', group.id, 'by id'])];
    assert.equal(byTitle.code, 0, byTitle.stderr);
    assert.match(byTitle.stdout, /^sent to #Crew at /);
    assert.equal(byId.code, 0, byId.stderr);
    assert.deepEqual((await client.history(group.id)).messages.map((m) => m.body), ['hello crew', 'by id']);
  });

  it('refuses in words: unknown users and groups, a title two groups share, a direct conversation, others not the creator may not remove', async () => {
    const { terminal: alice, client } = await signedInTerminal(t, 'gr-alice');
    const { terminal: bob } = await signedInTerminal(t, 'gr-bob');
    await t.user('gr-carol');
    const first = await client.createGroup('Twins', ['gr-bob']);
    const second = await client.createGroup('Twins', ['gr-carol']);
    await client.createGroup('Solo', ['gr-bob', 'gr-carol']);
    const direct = await client.send({ to: 'gr-bob', body: 'hi' });

    const cases: [string[], typeof alice, RegExp, string][] = [
      [['group', 'create', 'Team', 'gr-bob', 'nobody-here'], alice, /^chat: unknown user: nobody-here\n$/, 'user_not_found'],
      [['group', 'add', 'No such group', 'gr-bob'], alice, /^chat: unknown group: No such group/, 'conversation_not_found'],
      [['send', '--group', 'nope', 'hi'], alice, /^chat: unknown group: nope/, 'conversation_not_found'],
      [['group', 'members', 'Twins'], alice, new RegExp(`^chat: several groups are called Twins; use an id: (${first.id}, ${second.id}|${second.id}, ${first.id})\\n$`), 'ambiguous'],
      [['group', 'members', direct.conversationId], alice, /^chat: conversation .* is a direct conversation, not a group\n$/, 'not_a_group'],
      [['group', 'remove', 'Solo', 'gr-alice'], bob, /^chat: only the creator of #Solo may remove others\n$/, 'forbidden'],
      [['group', 'remove', 'Solo', 'gr-dave'], alice, /^chat: gr-dave is not a member of #Solo\n$/, 'not_a_member'],
      [['group', 'rename', direct.conversationId, 'Named'], alice, /^chat: conversation .* is a direct conversation, not a group\n$/, 'not_a_group'],
    ];
    for (const [args, terminal, stderr, code] of cases) {
      const [human, json] = [await terminal.run(args), await terminal.run([...args, '--json'])];
      assert.equal(human.code, 1, `${args.join(' ')}: ${human.stderr}`);
      assert.match(human.stderr, stderr, args.join(' '));
      assert.equal(json.json().error.code, code, args.join(' '));
    }
  });

  it('bad usage exits 2 with the usage of group', async () => {
    const { terminal } = await signedInTerminal(t, 'gu-alice');
    for (const args of [['group'], ['group', 'create', 'OnlyTitle'], ['group', 'add', 'G'], ['group', 'leave'], ['group', 'shout', 'G'], ['group', 'create', ' ', 'bob'], ['group', 'rename', 'G'], ['group', 'rename', 'G', ' ']]) {
      const r = await terminal.run(args);
      assert.equal(r.code, 2, args.join(' '));
      assert.match(r.stderr.split('\n')[1]!, /^usage: chat group create TITLE USER… \| chat group rename GROUP TITLE \| chat group add GROUP USER/);
    }
  });
});
