// The interactive chat's rendering, read back from a real terminal (tmux):
// tabs and line breaks as sent, columns that stay in line at 60 columns with
// three-digit unread counts, "you" for your own messages, a failed send that
// keeps its text, a group made with Ctrl+G, groups appearing, renamed and gone
// live, and "seen" from the others' receipts.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { signedInTerminal } from '../helpers/chat-cli.js';
import { PASSWORD, startServer, type TestServer } from '../helpers/server.js';
import { TmuxChat, tmuxVersion } from '../helpers/tmux.js';

let t: TestServer;
const terminals: TmuxChat[] = [];

before(async () => {
  tmuxVersion();
  t = await startServer();
});
after(async () => {
  await Promise.all(terminals.map((x) => x.kill()));
  await t.close();
});

async function openChat(configDir: string, columns = 100, rows = 30): Promise<TmuxChat> {
  const chat = new TmuxChat({ server: t.url, configDir, columns, rows });
  terminals.push(chat);
  await chat.start();
  return chat;
}

const lines = (screen: string) => screen.split('\n');

describe('chat (interactive): rendering', { concurrency: true, timeout: 120_000 }, () => {
  it('shows a tab and every line break as sent, and your own messages as "you"', async () => {
    const { terminal, client: alice } = await signedInTerminal(t, 'ir-alice');
    const bob = await t.user('ir-bob');
    await alice.send({ to: 'ir-bob', body: 'mine' });
    await bob.send({ to: 'ir-alice', body: 'only tab:\tend' });
    await bob.send({ to: 'ir-alice', body: 'line one\nline two\n\nline four' });
    const chat = await openChat(terminal.configDir);
    await chat.waitFor(/ir-bob\s+2 unread/);
    await chat.keys('Enter');
    const screen = await chat.waitFor((s) => s.includes('you: mine') && s.includes('line four'));
    assert.match(screen, /10:00 you: mine\n/);
    assert.match(screen, /10:00 ir-bob: only tab: {3}end\n/, 'the tab is spaces to the next stop and the end is there');
    const at = lines(screen).findIndex((l) => l.includes('ir-bob: line one'));
    assert.deepEqual(lines(screen).slice(at + 1, at + 4).map((l) => l.trim()), ['line two', '', 'line four']);
    assert.doesNotMatch(screen, /ir-alice: /, 'your own name is "you"');
  });

  it('keeps the columns of the list in line at 60 columns, with three-digit unread counts and cut previews', async () => {
    const { terminal } = await signedInTerminal(t, 'il-alice');
    const bob = await t.user('il-bob');
    const carol = await t.user('il-carol');
    await bob.send({ to: 'il-alice', body: 'a preview long enough to be cut at sixty columns, surely' });
    for (let i = 0; i < 120; i++) await carol.send({ to: 'il-alice', body: `m${i} also a preview that is far too long for the row` });
    const chat = await openChat(terminal.configDir, 60, 20);
    const screen = await chat.waitFor(/il-carol\s+120 unread/);
    const rows = lines(screen).filter((l) => /il-(bob|carol) /.test(l));
    assert.equal(rows.length, 2, screen);
    for (const row of rows) {
      assert.ok(row.length <= 60, row);
      assert.match(row, /…$/, `the preview is cut with …: ${row}`);
    }
    const column = (re: RegExp) => rows.map((r) => r.search(re));
    assert.equal(new Set(column(/il-/)).size, 1, `names in one column:\n${rows.join('\n')}`);
    assert.equal(new Set(column(/\d{2}:\d{2} /)).size, 1, `times in one column:\n${rows.join('\n')}`);
    assert.match(rows.find((r) => r.includes('il-carol'))!, /120 unread +\S/);
    assert.doesNotMatch(screen, /unread\d/, 'an unread count never runs into the time');
  });

  it('a send that fails keeps its text in the input for a retry', async () => {
    const { terminal } = await signedInTerminal(t, 'if-alice');
    const bob = await t.user('if-bob');
    // A conversation opened on a user before it exists sends by name: once the user is gone, the send fails.
    const chat = new TmuxChat({ server: t.url, configDir: terminal.configDir, columns: 100, rows: 30, args: ['open', 'if-bob'] });
    terminals.push(chat);
    await chat.start();
    await chat.waitFor(/if-bob/);
    await bob.deleteAccount(PASSWORD);
    await chat.type('are you there?');
    await chat.keys('Enter');
    const screen = await chat.waitFor('✗ not sent');
    assert.match(screen, /^> are you there\?/m, 'the text is back in the input');
  });

  it('a group made by someone else appears live, is renamed live, and goes when you are removed, with a word why', async () => {
    const { terminal, client: alice } = await signedInTerminal(t, 'gl-alice');
    const bob = await t.user('gl-bob');
    await bob.send({ to: 'gl-alice', body: 'hello there' });
    const chat = await openChat(terminal.configDir);
    await chat.waitFor(/gl-bob .*hello there/);
    const group = await bob.createGroup('Picnic', ['gl-alice']);
    await chat.waitFor(/#Picnic +\(no messages\)/); // no message in it yet, no reload
    await bob.renameGroup(group.id, 'Big picnic');
    const renamed = await chat.waitFor(/#Big picnic +\(no messages\)/);
    assert.doesNotMatch(renamed, /#Picnic/);
    await chat.keys('Up'); // the new group is on top
    await chat.keys('Enter');
    await chat.waitFor(/Esc +back/); // the conversation's hints
    assert.match(await chat.screen(), /#Big picnic/);
    await bob.renameGroup(group.id, 'Bigger picnic');
    await chat.waitFor(/#Bigger picnic/); // the open conversation's title too
    await bob.removeMember(group.id, alice.userId);
    const back = await chat.waitFor('You are no longer a member of #Bigger picnic');
    assert.match(back, /gl-bob .*hello there/, 'back at the list');
    assert.doesNotMatch(back, /#Bigger picnic +\(no messages\)/, 'the group is gone from it');
    assert.match(back, /Conversations \(1\)/);
  });

  it('Ctrl+G creates a group (the key is in the hints), and "seen" follows the others\' receipts, earlier ones included', async () => {
    const { terminal, client: alice } = await signedInTerminal(t, 'ig-alice');
    const bob = await t.user('ig-bob');
    await t.user('ig-carol');
    // Read before the chat starts: "seen" comes from the receipts already in the feed.
    const earlier = await alice.send({ to: 'ig-bob', body: 'earlier note' });
    await alice.send({ to: 'ig-bob', body: 'not read yet' });
    await bob.markRead(earlier.conversationId, earlier.id);
    const chat = await openChat(terminal.configDir);
    const list = await chat.waitFor(/ig-bob .*not read yet/);
    assert.match(list, /Ctrl\+G\s+new group/);
    await chat.keys('Enter');
    const direct = await chat.waitFor(/you: earlier note\n\s+✓ seen\n.*you: not read yet\n/);
    assert.doesNotMatch(direct, /not read yet\n\s+✓ seen/);
    await chat.keys('Escape');
    await chat.waitFor(/Ctrl\+G\s+new group/);

    await chat.keys('C-g');
    await chat.waitFor('New group');
    await chat.type('Picnic');
    await chat.keys('Enter');
    await chat.type('ig-bob, ig-carol');
    await chat.keys('Enter');
    await chat.waitFor(/^ #Picnic/m);
    const created = (await bob.conversations()).find((c) => c.title === 'Picnic');
    assert.deepEqual(created?.members.map((m) => m.name).sort(), ['ig-alice', 'ig-bob', 'ig-carol']);

    await chat.type('who brings bread?');
    await chat.keys('Enter');
    // Until the server has stored it, the line ends in "(sending…)": wait for it to go.
    await chat.waitFor(/you: who brings bread\?\n/);
    const [message] = (await bob.history(created!.id)).messages;
    await bob.markRead(created!.id, message!.id);
    const seen = await chat.waitFor('✓ seen by ig-bob');
    const at = lines(seen).findIndex((l) => l.includes('you: who brings bread?'));
    assert.match(lines(seen)[at + 1]!, /✓ seen by ig-bob$/, 'under the message');
  });
});
