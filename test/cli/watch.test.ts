// chat watch: live events from the stream, as lines or NDJSON, until SIGINT or
// SIGTERM (exit 0); a revoked device ends it with "signed out" (exit 1).
// Every wait is on the child's output, never on time.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { signedInTerminal } from '../helpers/chat-cli.js';
import { startServer, type TestServer } from '../helpers/server.js';

let t: TestServer;
before(async () => {
  t = await startServer();
});
after(() => t.close());

describe('chat watch', { concurrency: true, timeout: 30_000 }, () => {
  it('prints messages as they arrive; SIGINT exits 0', async () => {
    const { terminal } = await signedInTerminal(t, 'w-bob');
    const alice = await t.user('w-alice');
    const group = await alice.createGroup('Ops', ['w-bob']);
    const watch = terminal.spawn(['watch']);
    await watch.waitFor('stderr', (l) => l.startsWith(`watching ${t.url} as w-bob`));

    await alice.send({ to: 'w-bob', body: 'live hello' });
    await alice.send({ conversationId: group.id, body: 'to the group' });
    await watch.waitFor('stdout', (l) => l.endsWith('w-alice: live hello'));
    const groupLine = await watch.waitFor('stdout', (l) => l.includes('to the group'));
    assert.match(groupLine, /^\[(2026-11-23 )?10:00\] #Ops w-alice: to the group$/);

    watch.kill('SIGINT');
    assert.equal(await watch.exited, 0);
    assert.equal(watch.lines.stdout.filter((l) => l !== '').length, 2);
  });

  it('says when a group appears, is renamed, changes members, and when you leave it', async () => {
    const { terminal, client: bob } = await signedInTerminal(t, 'wg-bob');
    const alice = await t.user('wg-alice');
    await t.user('wg-carol');
    const watch = terminal.spawn(['watch']);
    await watch.waitFor('stderr', (l) => l.startsWith('watching'));
    const group = await alice.createGroup('Picnic', ['wg-bob']);
    assert.equal(await watch.waitFor('stdout', (l) => l.startsWith('* you are in')), '* you are in #Picnic: wg-alice, you');
    await alice.renameGroup(group.id, 'Big picnic');
    assert.equal(await watch.waitFor('stdout', (l) => l.includes('is now')), '* #Picnic is now #Big picnic');
    await alice.addMember(group.id, 'wg-carol');
    assert.equal(await watch.waitFor('stdout', (l) => l.includes(': now')), '* #Big picnic: now wg-alice, wg-carol, you');
    await bob.removeMember(group.id, bob.userId);
    assert.equal(await watch.waitFor('stdout', (l) => l.includes('no longer')), '* you are no longer a member of #Big picnic');
    watch.kill('SIGINT');
    assert.equal(await watch.exited, 0);
  });

  it('--json prints NDJSON: a ready line, then the events; SIGTERM exits 0', async () => {
    const { terminal } = await signedInTerminal(t, 'wj-bob');
    const alice = await t.user('wj-alice');
    const watch = terminal.spawn(['watch', '--json']);
    const ready = JSON.parse(await watch.waitFor('stdout', () => true));
    assert.equal(ready.type, 'ready');
    assert.equal(typeof ready.cursor, 'string');

    const sent = await alice.send({ to: 'wj-bob', body: 'as json' });
    const line = await watch.waitFor('stdout', (l) => l.includes('"type":"message"'));
    const event = JSON.parse(line);
    assert.equal(event.message.id, sent.id);
    assert.equal(event.message.body, 'as json');

    watch.kill('SIGTERM');
    assert.equal(await watch.exited, 0);
    for (const l of watch.lines.stdout.filter((s) => s !== '')) JSON.parse(l); // every line is one document
  });

  it('ends with "signed out" (exit 1) when the device is revoked', async () => {
    const { terminal, client } = await signedInTerminal(t, 'wr-bob', 'watcher');
    const other = await t.user('wr-bob', 'other');
    const watch = terminal.spawn(['watch']);
    await watch.waitFor('stderr', (l) => l.startsWith('watching'));
    await other.revokeDevice(client.deviceId);
    assert.equal(await watch.exited, 1);
    assert.match(watch.lines.stderr.join('\n'), /chat: signed out: this device's session on .* has ended/);
    assert.equal(terminal.session(), undefined);
  });
});
