// The caller's devices: list, rename, revoke, through the SDK against the real server.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { raw, startServer, type TestServer } from '../helpers/server.js';
import { refused } from '../helpers/refused.js';


describe('devices', () => {
  let t: TestServer;
  before(async () => (t = await startServer()));
  after(() => t.close());

  describe('GET /v1/devices', () => {
    it('lists every device of the account; current is true only for the calling one', async () => {
      const laptop = await t.user('lister', 'laptop');
      const phone = await t.user('lister', 'phone');
      const tablet = await t.user('lister', 'tablet');
      await t.user('stranger', 'not-mine');
      for (const caller of [laptop, phone, tablet]) {
        const devices = await caller.devices();
        assert.deepEqual(devices.map((d) => d.name).sort(), ['laptop', 'phone', 'tablet']);
        assert.deepEqual(devices.filter((d) => d.current).map((d) => d.id), [caller.deviceId]);
        for (const d of devices) {
          assert.deepEqual(Object.keys(d).sort(), ['createdAt', 'current', 'id', 'lastSeenAt', 'name']);
          assert.equal(d.createdAt, new Date(t.clock.now()).toISOString());
        }
      }
    });

    it('answers 401 without a valid token', async () => {
      await refused(t.client().devices(), 401, 'unauthorized');
      await refused(t.client('not-a-token').devices(), 401, 'unauthorized');
    });
  });

  describe('PATCH /v1/devices/{id}', () => {
    it('renames this device or another of the account (200 {device})', async () => {
      const a = await t.user('renamer', 'old-a');
      const b = await t.user('renamer', 'old-b');
      const self = await a.renameDevice(a.deviceId, 'new-a');
      assert.equal(self.id, a.deviceId);
      assert.equal(self.name, 'new-a');
      assert.equal(self.current, true);
      const other = await a.renameDevice(b.deviceId, 'new-b');
      assert.equal(other.name, 'new-b');
      assert.equal(other.current, false);
      assert.deepEqual((await b.devices()).map((d) => d.name).sort(), ['new-a', 'new-b']);
      assert.equal((await a.me()).device.name, 'new-a');
      assert.equal((await b.me()).device.name, 'new-b');
    });

    it('answers 200 with the raw {device} shape', async () => {
      const a = await t.user('rawrenamer', 'x');
      const res = await raw(t.url, `/v1/devices/${a.deviceId}`, {
        method: 'PATCH',
        token: a.token!,
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ name: 'y' }),
      });
      assert.equal(res.status, 200);
      assert.deepEqual(Object.keys(res.body), ['device']);
      assert.equal(res.body.device.name, 'y');
    });

    it('answers 404 for an unknown id and for a device of another account, which keeps its name', async () => {
      const me = await t.user('prober', 'mine');
      const victim = await t.user('victim', 'victims-phone');
      await refused(me.renameDevice('no-such-device', 'x'), 404, 'not_found');
      await refused(me.renameDevice(victim.deviceId, 'pwned'), 404, 'not_found');
      assert.equal((await victim.me()).device.name, 'victims-phone');
    });

    it('refuses an empty or over-long name with 400 naming the field', async () => {
      const a = await t.user('validator', 'v');
      for (const name of ['', 'n'.repeat(65)]) {
        const err = await refused(a.renameDevice(a.deviceId, name), 400, 'invalid_request');
        assert.deepEqual(err.details?.map((d) => d.field), ['name']);
      }
      assert.equal((await a.renameDevice(a.deviceId, 'n'.repeat(64))).name.length, 64);
    });
  });

  describe('DELETE /v1/devices/{id}', () => {
    it('answers 204; the revoked token fails at once with 401, the others keep working', async () => {
      const keeper = await t.user('revoker', 'keeper');
      const lost = await t.user('revoker', 'lost');
      await lost.me(); // the token is now in the server's session cache
      const res = await raw(t.url, `/v1/devices/${lost.deviceId}`, { method: 'DELETE', token: keeper.token! });
      assert.equal(res.status, 204);
      assert.equal(res.body, '');
      await refused(t.client(lost.token!).me(), 401, 'unauthorized');
      assert.deepEqual((await keeper.devices()).map((d) => d.id), [keeper.deviceId]);
      t.clock.advance(60_000); // past any cache lifetime: the store refuses it too
      await refused(t.client(lost.token!).me(), 401, 'unauthorized');
      assert.equal((await keeper.me()).device.id, keeper.deviceId);
    });

    it('a device may revoke itself', async () => {
      const a = await t.user('selfrevoker', 'only');
      await a.revokeDevice(a.deviceId);
      await refused(a.me(), 401, 'unauthorized');
    });

    it('answers 404 for an unknown id and for a device of another account, which keeps working', async () => {
      const me = await t.user('attacker', 'mine');
      const victim = await t.user('target', 'theirs');
      await refused(me.revokeDevice('no-such-device'), 404, 'not_found');
      await refused(me.revokeDevice(victim.deviceId), 404, 'not_found');
      assert.equal((await victim.me()).device.id, victim.deviceId);
    });

    it('answers 404 for a device already revoked', async () => {
      const a = await t.user('twice', 'a');
      const b = await t.user('twice', 'b');
      await a.revokeDevice(b.deviceId);
      await refused(a.revokeDevice(b.deviceId), 404, 'not_found');
    });
  });
});
