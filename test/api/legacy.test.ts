// The seed's API (API.md, "The seed's API (legacy)"): every row with fields as
// a form, a JSON body and a query string, and every refusal in the seed's
// {"message"} shape. curl runs the README in legacy-curl.test.ts; the bridge to
// v1, retention, the switch, rate limits and racing logins are in
// legacy-bridge.test.ts.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, type TestServer } from '../helpers/server.js';
import { account, assertOk, assertRefusal, legacy, LEGACY_PASSWORD, type Fields, type SendOptions } from '../helpers/legacy.js';

describe('legacy API', () => {
  let t: TestServer;
  before(async () => (t = await startServer()));
  after(() => t.close());

  const call = (method: string, path: string, options?: SendOptions) => legacy(t.url, method, path, options);
  const inbox = async (device: string): Promise<{ name_sender: string; message: string; timestamp: string }[]> => {
    const answer = await call('GET', '/api/get_messages', { query: { name_devices: device } });
    assert.equal(answer.status, 200, JSON.stringify(answer.body));
    return answer.body;
  };

  describe('takes its fields from a form, a JSON body or the query string', () => {
    const ways: [string, (fields: Fields) => SendOptions][] = [
      ['form', (fields) => ({ form: fields })],
      ['json', (fields) => ({ json: fields })],
      ['query', (fields) => ({ query: fields })],
    ];
    for (const [way, as] of ways) {
      it(`every call, fields as ${way}`, async () => {
        const me = `${way}-user`;
        const device = `${way}-device`;
        assertOk(await call('POST', '/api/regist', as(account(me))));
        assertOk(await call('POST', '/api/user', as(account(me, device))));
        assertOk(await call('POST', '/api/send_message', as({ name: me, message: `note by ${way}`, name_devices: device })));
        const messages = await call('GET', '/api/get_messages', as({ name_devices: device }));
        assert.equal(messages.status, 200);
        assert.deepEqual(messages.body.map((m: { name_sender: string; message: string }) => [m.name_sender, m.message]), [[me, `note by ${way}`]]);
        const found = await call('POST', '/api/search', as({ name: way.toUpperCase() }));
        assert.equal(found.status, 200);
        assert.deepEqual(found.body, { users: [{ name: me }] });
      });
    }

    it('GET /api/get_messages with a JSON body, as the seed client sends it (sized, chunked, unlabelled)', async () => {
      assertOk(await call('POST', '/api/regist', { json: account('getbody') }));
      assertOk(await call('POST', '/api/user', { json: account('getbody', 'getbody-phone') }));
      assertOk(await call('POST', '/api/send_message', { json: { name: 'getbody', message: 'to myself', name_devices: 'getbody-phone' } }));
      const body = { name_devices: 'getbody-phone' };
      for (const options of [{ json: body }, { json: body, chunked: true }, { text: JSON.stringify(body) }] satisfies SendOptions[]) {
        const answer = await call('GET', '/api/get_messages', options);
        assert.equal(answer.status, 200, `${JSON.stringify(options)}: ${JSON.stringify(answer.body)}`);
        assert.deepEqual(answer.body.map((m: { message: string }) => m.message), ['to myself']);
      }
    });

    it('takes a body of any content type, sniffing JSON or form', async () => {
      assertOk(await call('POST', '/api/regist', { text: JSON.stringify(account('sniff1')), contentType: 'text/plain' }));
      assertOk(await call('POST', '/api/regist', { text: new URLSearchParams(account('sniff2')).toString(), contentType: 'text/plain' }));
      const found = await call('POST', '/api/search', { text: 'name=sniff' });
      assert.deepEqual(found.body, { users: [{ name: 'sniff1' }, { name: 'sniff2' }] });
    });
  });

  describe('POST /api/regist', () => {
    before(async () => assertOk(await call('POST', '/api/regist', { form: account('carol') })));

    it('refuses a taken name or email with 400, ignoring case', async () => {
      assertRefusal(await call('POST', '/api/regist', { form: { ...account('carol'), gmail: 'fresh@gmail.com' } }), 400, /name/i);
      assertRefusal(await call('POST', '/api/regist', { form: { ...account('CAROL'), gmail: 'fresh@gmail.com' } }), 400, /name/i);
      assertRefusal(await call('POST', '/api/regist', { form: { ...account('carol2'), gmail: 'Carol@Gmail.com' } }), 400, /email/i);
    });

    it('refuses invalid fields with 400', async () => {
      const bad: Fields[] = [
        { ...account('x1'), name: 'ab' },
        { ...account('x2'), name: 'has space' },
        { ...account('x3'), name: 'n'.repeat(33) },
        { ...account('x4'), gmail: 'not-an-email' },
        { ...account('x5'), password: 'short' },
        { ...account('x6'), password: 'p'.repeat(257) },
      ];
      for (const fields of bad) assertRefusal(await call('POST', '/api/regist', { form: fields }), 400);
      const found = await call('POST', '/api/search', { form: { name: 'x' } });
      assert.deepEqual(found.body, { users: [] }, 'a refused registration created an account');
    });

    it('refuses missing fields, an empty body and broken JSON with 400', async () => {
      for (const field of ['name', 'gmail', 'password']) {
        const fields = account('missing');
        delete fields[field];
        assertRefusal(await call('POST', '/api/regist', { form: fields }), 400, new RegExp(field));
        assertRefusal(await call('POST', '/api/regist', { json: { ...fields, [field]: '  ' } }), 400, new RegExp(field));
      }
      assertRefusal(await call('POST', '/api/regist'), 400);
      assertRefusal(await call('POST', '/api/regist', { text: '{"name": "broken"', contentType: 'application/json' }), 400);
    });
  });

  describe('POST /api/user', () => {
    before(async () => {
      for (const name of ['dave', 'erin']) assertOk(await call('POST', '/api/regist', { form: account(name) }));
      assertOk(await call('POST', '/api/user', { form: account('erin', 'erin-phone') }));
    });

    it('refuses wrong credentials with 401, the same whether or not the account exists', async () => {
      const wrong = [
        { ...account('dave', 'dave-1'), password: 'wrong-password' },
        { ...account('dave', 'dave-1'), gmail: 'erin@gmail.com' },
        account('nobody', 'dave-1'),
      ];
      const answers = [];
      for (const fields of wrong) answers.push(await call('POST', '/api/user', { form: fields }));
      for (const answer of answers) assertRefusal(answer, 401);
      assert.equal(new Set(answers.map((a) => a.body.message)).size, 1, 'the refusals tell the cases apart');
      assertRefusal(await call('GET', '/api/get_messages', { query: { name_devices: 'dave-1' } }), 401);
    });

    it('logs in again with the same device: 200, and still one device', async () => {
      for (let i = 0; i < 2; i++) assertOk(await call('POST', '/api/user', { form: account('dave', 'dave-desk') }));
      const v1 = t.client();
      await v1.login({ login: 'dave', password: LEGACY_PASSWORD, deviceName: 'v1-check' });
      assert.deepEqual((await v1.devices()).map((d) => d.name).sort(), ['dave-desk', 'v1-check']);
    });

    it('refuses with 409 a device name held by another account, and leaves it with its holder', async () => {
      assertRefusal(await call('POST', '/api/user', { form: account('dave', 'erin-phone') }), 409);
      assertOk(await call('POST', '/api/send_message', { form: { name: 'erin', message: 'still mine', name_devices: 'erin-phone' } }));
      assert.deepEqual((await inbox('erin-phone')).map((m) => m.name_sender), ['erin']);
    });

    it('refuses missing fields and a device name over 64 characters with 400', async () => {
      for (const field of ['name', 'gmail', 'password', 'name_devices']) {
        const fields = account('dave', 'dave-2');
        delete fields[field];
        assertRefusal(await call('POST', '/api/user', { form: fields }), 400, new RegExp(field));
      }
      assertRefusal(await call('POST', '/api/user', { form: account('dave', 'd'.repeat(65)) }), 400);
    });
  });

  describe('POST /api/send_message and GET /api/get_messages', () => {
    before(async () => {
      for (const name of ['frank', 'grace']) {
        assertOk(await call('POST', '/api/regist', { form: account(name) }));
        assertOk(await call('POST', '/api/user', { form: account(name, `${name}-pc`) }));
      }
    });

    it('lists what the account received, oldest first, not what it sent elsewhere', async () => {
      assert.deepEqual(await inbox('grace-pc'), []);
      const start = t.clock.now();
      for (const [i, text] of ['one', 'two', 'three'].entries()) {
        if (i) t.clock.advance(1500);
        assertOk(await call('POST', '/api/send_message', { form: { name: 'grace', message: text, name_devices: 'frank-pc' } }));
      }
      assertOk(await call('POST', '/api/send_message', { json: { name: 'Frank', message: 'reply', name_devices: 'grace-pc' } }));
      assert.deepEqual(await inbox('grace-pc'), [
        { name_sender: 'frank', message: 'one', timestamp: new Date(start).toISOString() },
        { name_sender: 'frank', message: 'two', timestamp: new Date(start + 1500).toISOString() },
        { name_sender: 'frank', message: 'three', timestamp: new Date(start + 3000).toISOString() },
      ]);
      assert.deepEqual((await inbox('frank-pc')).map((m) => m.message), ['reply']);
    });

    it('refuses an unknown recipient with 404 and an unknown device with 401', async () => {
      assertRefusal(await call('POST', '/api/send_message', { form: { name: 'nobody', message: 'hi', name_devices: 'frank-pc' } }), 404);
      assertRefusal(await call('POST', '/api/send_message', { form: { name: 'grace', message: 'hi', name_devices: 'frank-phone' } }), 401);
      assertRefusal(await call('GET', '/api/get_messages', { query: { name_devices: 'frank-phone' } }), 401);
      assertRefusal(await call('GET', '/api/get_messages', { form: { name_devices: 'FRANK-PC' } }), 401);
    });

    it('refuses missing fields with 400 and an over-long message with 413', async () => {
      for (const field of ['name', 'message', 'name_devices']) {
        const fields: Fields = { name: 'grace', message: 'hi', name_devices: 'frank-pc' };
        delete fields[field];
        assertRefusal(await call('POST', '/api/send_message', { form: fields }), 400, new RegExp(field));
      }
      assertRefusal(await call('GET', '/api/get_messages'), 400, /name_devices/);
      assertRefusal(await call('POST', '/api/send_message', { json: { name: 'grace', message: 'x'.repeat(4097), name_devices: 'frank-pc' } }), 413);
      assert.equal((await inbox('grace-pc')).filter((m) => m.message.startsWith('x')).length, 0);
    });
  });

  describe('POST /api/search', () => {
    it('finds by part of a name in any case, and answers an empty list when none match', async () => {
      for (const name of ['Heidi_Q', 'heidrun']) assertOk(await call('POST', '/api/regist', { form: account(name) }));
      const found = await call('POST', '/api/search', { form: { name: 'HEID' } });
      assert.equal(found.status, 200);
      assert.deepEqual(found.body.users.map((u: { name: string }) => u.name).sort(), ['Heidi_Q', 'heidrun']);
      for (const user of found.body.users) assert.deepEqual(Object.keys(user), ['name']);
      assert.deepEqual((await call('POST', '/api/search', { form: { name: '%' } })).body, { users: [] });
      assert.deepEqual((await call('POST', '/api/search', { form: { name: 'i_q' } })).body, { users: [{ name: 'Heidi_Q' }] });
    });

    it('refuses an empty or missing name with 400', async () => {
      assertRefusal(await call('POST', '/api/search', { form: { name: '' } }), 400);
      assertRefusal(await call('POST', '/api/search', { json: { name: '   ' } }), 400);
      assertRefusal(await call('POST', '/api/search'), 400);
    });
  });

  it('answers unknown /api/* routes and methods with a 4xx {"message"} too', async () => {
    assertRefusal(await call('POST', '/api/nothing_here', { form: { name: 'x' } }), 404);
    assertRefusal(await call('PUT', '/api/regist', { form: account('ivan') }), 404);
    assertRefusal(await call('DELETE', '/api/get_messages', { query: { name_devices: 'frank-pc' } }), 404);
  });
});
