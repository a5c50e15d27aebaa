// chat devices (list, rename, revoke) and what every command says once the
// device's session was revoked elsewhere (401 -> "signed out", session forgotten).
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ChatApiError } from '../../src/sdk/index.js';
import { signedInTerminal } from '../helpers/chat-cli.js';
import { startServer, type TestServer } from '../helpers/server.js';

let t: TestServer;
before(async () => {
  t = await startServer();
});
after(() => t.close());

describe('chat devices', { concurrency: true }, () => {
  it('lists the devices, marking this one; renames and revokes another', async () => {
    const { terminal, client } = await signedInTerminal(t, 'dev-ann', 'terminal');
    const phone = await t.user('dev-ann', 'phone');

    const [human, json] = await Promise.all([terminal.run(['devices']), terminal.run(['devices', '--json'])]);
    assert.equal(human.code, 0, human.stderr);
    const lines = human.stdout.trimEnd().split('\n');
    assert.equal(lines.length, 2);
    assert.match(lines.find((l) => l.includes(client.deviceId))!, /^\* \S+ +terminal +last seen .+\(this device\)$/);
    assert.match(lines.find((l) => l.includes(phone.deviceId))!, /^ {2}\S+ +phone +last seen /);
    const { devices } = json.json();
    assert.deepEqual(devices.map((d: { name: string; current: boolean }) => [d.name, d.current]).sort(), [['phone', false], ['terminal', true]]);

    const rename = await terminal.run(['devices', 'rename', phone.deviceId, 'old', 'phone', '--json']);
    assert.equal(rename.code, 0, rename.stderr);
    assert.equal(rename.json().device.name, 'old phone');
    assert.equal((await client.devices()).find((d) => d.id === phone.deviceId)!.name, 'old phone');

    const revoke = await terminal.run(['devices', 'revoke', phone.deviceId]);
    assert.equal(revoke.code, 0, revoke.stderr);
    assert.equal(revoke.stdout, `revoked device ${phone.deviceId}\n`);
    await assert.rejects(phone.me(), (err: ChatApiError) => err.status === 401);
    assert.ok(terminal.session(), 'this device stays signed in');
  });

  it('an unknown device id fails with exit 1', async () => {
    const { terminal } = await signedInTerminal(t, 'dev-ben');
    const [rename, revoke] = await Promise.all([terminal.run(['devices', 'rename', 'nope', 'x']), terminal.run(['devices', 'revoke', 'nope', '--json'])]);
    assert.equal(rename.code, 1);
    assert.equal(rename.stderr, 'chat: unknown device: nope\n');
    assert.equal(revoke.code, 1);
    assert.deepEqual(revoke.json(), { error: { code: 'not_found', message: 'unknown device: nope' } });
  });

  it('revoking this device signs out here', async () => {
    const { terminal, client } = await signedInTerminal(t, 'dev-cid');
    const r = await terminal.run(['devices', 'revoke', client.deviceId, '--json']);
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(r.json(), { revoked: client.deviceId, current: true });
    assert.equal(terminal.session(), undefined);
  });

  it('after a revoke elsewhere, a command says "signed out" (exit 1) and forgets the session', async () => {
    const { terminal, client } = await signedInTerminal(t, 'dev-dan', 'laptop');
    const other = await t.user('dev-dan', 'desk');
    await other.revokeDevice(client.deviceId);
    const r = await terminal.run(['inbox', '--json']);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /^chat: signed out: this device's session on http:\/\/127\.0\.0\.1:\d+ has ended \(signed out or revoked elsewhere\); sign in again with: chat login NAME_OR_EMAIL\n$/);
    assert.equal(r.json().error.code, 'signed_out');
    assert.equal(terminal.session(), undefined);

    // logout of a session that already ended is a success: that device is out
    const { terminal: t2, client: c2 } = await signedInTerminal(t, 'dev-eve');
    await c2.logout();
    const out = await t2.run(['logout']);
    assert.equal(out.code, 0, out.stderr);
    assert.match(out.stdout, /the session had already ended/);
    assert.equal(t2.session(), undefined);
  });
});
