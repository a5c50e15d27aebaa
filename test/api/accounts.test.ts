// Accounts, sessions, profile and user search through the SDK against the real server.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ChatApiError } from '../../src/sdk/index.js';
import { PASSWORD, raw, startServer, type TestServer } from '../helpers/server.js';
import { refused } from '../helpers/refused.js';


const fieldsOf = (err: ChatApiError) => (err.details ?? []).map((d) => d.field);

describe('accounts', () => {
  let t: TestServer;
  before(async () => (t = await startServer()));
  after(() => t.close());

  describe('POST /v1/accounts', () => {
    it('answers 201 {user} with the email for oneself', async () => {
      const res = await raw(t.url, '/v1/accounts', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ name: 'Reg.User-1', email: 'Reg@Example.com', password: PASSWORD }),
      });
      assert.equal(res.status, 201);
      assert.deepEqual(Object.keys(res.body).sort(), ['user']);
      assert.equal(res.body.user.name, 'Reg.User-1');
      assert.equal(res.body.user.email, 'Reg@Example.com');
      assert.equal(typeof res.body.user.id, 'string');
      assert.ok(!Number.isNaN(Date.parse(res.body.user.createdAt)));
      assert.equal(res.body.user.passwordHash, undefined);
    });

    const bad: [string, Record<string, string>, string][] = [
      ['a name too short', { name: 'ab' }, 'name'],
      ['a name too long', { name: 'a'.repeat(33) }, 'name'],
      ['a name with a space', { name: 'bad name' }, 'name'],
      ['a name with other characters', { name: 'bad!name' }, 'name'],
      ['an invalid email', { email: 'not-an-email' }, 'email'],
      ['a password under 8 characters', { password: 'short7!' }, 'password'],
      ['a password over 256 characters', { password: 'p'.repeat(257) }, 'password'],
      ['a missing email', { email: undefined as unknown as string }, 'email'],
    ];
    for (const [label, change, field] of bad) {
      it(`refuses ${label} with 400 naming ${field}`, async () => {
        const input = { name: 'valid_name', email: 'valid@example.com', password: PASSWORD, ...change };
        const err = await refused(t.client().register(input), 400, 'invalid_request');
        assert.deepEqual(fieldsOf(err), [field]);
      });
    }

    it('accepts the boundaries: 3 and 32 character names, an 8 character password', async () => {
      const short = await t.client().register({ name: 'a_b', email: 'three@example.com', password: '12345678' });
      const long = await t.client().register({ name: 'n'.repeat(32), email: 'long@example.com', password: PASSWORD });
      assert.deepEqual([short.name, long.name], ['a_b', 'n'.repeat(32)]);
    });

    it('refuses a taken name or email ignoring case with 409', async () => {
      await t.client().register({ name: 'Taken', email: 'taken@example.com', password: PASSWORD });
      await refused(t.client().register({ name: 'tAKEN', email: 'other@example.com', password: PASSWORD }), 409, 'name_taken');
      await refused(t.client().register({ name: 'someone', email: 'TAKEN@Example.COM', password: PASSWORD }), 409, 'email_taken');
    });
  });

  describe('sessions', () => {
    it('logs in by name or by email in any case, each login a new device', async () => {
      await t.client().register({ name: 'Logan', email: 'Logan@Example.com', password: PASSWORD });
      const a = await t.client().login({ login: 'logan', password: PASSWORD, deviceName: 'laptop' });
      const b = await t.client().login({ login: 'LOGAN@EXAMPLE.COM', password: PASSWORD, deviceName: 'phone' });
      assert.equal(a.user.id, b.user.id);
      assert.equal(a.user.email, 'Logan@Example.com');
      assert.notEqual(a.device.id, b.device.id);
      assert.notEqual(a.token, b.token);
      assert.equal(a.device.name, 'laptop');
      assert.equal(a.device.current, true);
      const devices = await t.client(b.token).devices();
      assert.deepEqual(devices.map((d) => d.name).sort(), ['laptop', 'phone']);
    });

    it('answers 401 invalid_credentials with one message for an unknown account and a wrong password', async () => {
      await t.user('known');
      const unknown = await refused(t.client().login({ login: 'nobody-here', password: PASSWORD, deviceName: 'd' }), 401, 'invalid_credentials');
      const wrong = await refused(t.client().login({ login: 'known', password: 'wrong password', deviceName: 'd' }), 401, 'invalid_credentials');
      assert.equal(unknown.message, wrong.message);
    });

    it('DELETE /v1/sessions/current answers 204 and the token stops working', async () => {
      const u = await t.user('leaver');
      const token = u.token!;
      const res = await raw(t.url, '/v1/sessions/current', { method: 'DELETE', token });
      assert.equal(res.status, 204);
      assert.equal(res.body, '');
      await refused(t.client(token).me(), 401, 'unauthorized');
    });

    it('GET /v1/me returns the user with email and the current device', async () => {
      const u = await t.user('meme', 'my-laptop');
      const me = await u.me();
      assert.equal(me.user.id, u.userId);
      assert.equal(me.user.email, 'meme@example.com');
      assert.equal(me.device.id, u.deviceId);
      assert.equal(me.device.name, 'my-laptop');
      assert.equal(me.device.current, true);
      await refused(t.client().me(), 401, 'unauthorized');
    });
  });

  describe('PATCH /v1/me', () => {
    it('changes the email; the new one logs in, the old one does not', async () => {
      const u = await t.user('mover');
      const user = await u.updateMe({ email: 'Moved@Example.com', currentPassword: PASSWORD });
      assert.equal(user.email, 'Moved@Example.com');
      assert.equal((await u.me()).user.email, 'Moved@Example.com');
      await t.client().login({ login: 'moved@example.com', password: PASSWORD, deviceName: 'd' });
      await refused(t.client().login({ login: 'mover@example.com', password: PASSWORD, deviceName: 'd' }), 401, 'invalid_credentials');
    });

    it('refuses an email held by another account, ignoring case, with 409', async () => {
      await t.user('holder');
      const u = await t.user('grabber');
      await refused(u.updateMe({ email: 'HOLDER@example.com', currentPassword: PASSWORD }), 409, 'email_taken');
      assert.equal((await u.me()).user.email, 'grabber@example.com');
    });

    it('refuses a wrong current password with 401 and changes nothing', async () => {
      const u = await t.user('careful');
      await refused(u.updateMe({ email: 'new@example.com', currentPassword: 'not my password' }), 401, 'invalid_credentials');
      assert.equal((await u.me()).user.email, 'careful@example.com');
      await u.me(); // the token itself still works
    });

    it('a new password signs out every other device, keeps this one, and the old password stops working', async () => {
      const here = await t.user('rotator', 'here');
      const other1 = await t.user('rotator', 'other-1');
      const other2 = await t.user('rotator', 'other-2');
      const newPassword = 'a brand new password';
      await here.updateMe({ password: newPassword, currentPassword: PASSWORD });
      await refused(t.client(other1.token!).me(), 401, 'unauthorized');
      await refused(t.client(other2.token!).devices(), 401, 'unauthorized');
      assert.equal((await here.me()).device.id, here.deviceId);
      assert.deepEqual((await here.devices()).map((d) => d.id), [here.deviceId]);
      await refused(t.client().login({ login: 'rotator', password: PASSWORD, deviceName: 'd' }), 401, 'invalid_credentials');
      await t.client().login({ login: 'rotator', password: newPassword, deviceName: 'd' });
    });

    it('refuses a new password under 8 characters with 400 naming password', async () => {
      const u = await t.user('shorty');
      const err = await refused(u.updateMe({ password: 'short', currentPassword: PASSWORD }), 400, 'invalid_request');
      assert.deepEqual(fieldsOf(err), ['password']);
    });
  });

  describe('DELETE /v1/me', () => {
    it('refuses a wrong password with 401 and keeps the account', async () => {
      const u = await t.user('stayer');
      await refused(u.deleteAccount('not my password'), 401, 'invalid_credentials');
      assert.equal((await u.me()).user.name, 'stayer');
    });

    it('answers 204; the tokens, the login and the messages are gone', async () => {
      const gone = await t.user('goner');
      const goneOther = await t.user('goner', 'second');
      const peer = await t.user('peer');
      const sent = await gone.send({ to: 'peer', body: 'from goner' });
      await peer.send({ to: 'goner', body: 'from peer' });
      assert.equal((await peer.history(sent.conversationId)).messages.length, 2);

      const res = await raw(t.url, '/v1/me', {
        method: 'DELETE',
        token: gone.token!,
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ password: PASSWORD }),
      });
      assert.equal(res.status, 204);
      await refused(t.client(gone.token!).me(), 401, 'unauthorized');
      await refused(t.client(goneOther.token!).me(), 401, 'unauthorized');
      await refused(t.client().login({ login: 'goner', password: PASSWORD, deviceName: 'd' }), 401, 'invalid_credentials');
      const history = await peer.history(sent.conversationId);
      assert.deepEqual(history.messages.map((m) => m.body), ['from peer']);
      assert.equal((await peer.searchUsers('goner')).length, 0);
    });
  });

  describe('GET /v1/users', () => {
    let me: Awaited<ReturnType<TestServer['user']>>;
    before(async () => {
      me = await t.user('Searcher');
      for (const name of ['Carol', 'caroline', 'xCAROLx', 'bobby']) await t.client().register({ name, email: `${name}@s.example.com`, password: PASSWORD });
    });

    it('finds names containing q, ignoring case, without anyone\'s email', async () => {
      const users = await me.searchUsers('CAROL');
      assert.deepEqual(users.map((u) => u.name).sort(), ['Carol', 'caroline', 'xCAROLx']);
      assert.equal(users[0]!.name, 'Carol', 'the exact match comes first');
      for (const u of users) {
        assert.deepEqual(Object.keys(u).sort(), ['createdAt', 'id', 'name']);
      }
      const self = await me.searchUsers('searcher');
      assert.equal(self[0]!.email, undefined);
    });

    it('honours limit and refuses one out of range', async () => {
      assert.equal((await me.searchUsers('carol', 2)).length, 2);
      assert.equal((await me.searchUsers('carol', 1)).length, 1);
      const err = await refused(me.searchUsers('carol', 0), 400, 'invalid_request');
      assert.deepEqual(fieldsOf(err), ['limit']);
    });

    it('answers an empty list when nothing matches, and 401 without a token', async () => {
      assert.deepEqual(await me.searchUsers('zzz-no-such'), []);
      await refused(t.client().searchUsers('carol'), 401, 'unauthorized');
    });
  });
});
