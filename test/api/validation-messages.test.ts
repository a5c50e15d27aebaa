// Validation errors say what a field expects, in words built from the schema
// that refused it, never the validator's own text; `chat` passes them on.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Terminal } from '../helpers/chat-cli.js';
import { raw, startServer, type TestServer } from '../helpers/server.js';

let t: TestServer;
let token: string;
before(async () => {
  t = await startServer();
  token = (await t.user('vm-alice')).token!;
});
after(() => t.close());

const post = (path: string, body: unknown, auth?: string) =>
  raw(t.url, path, { method: 'POST', body: JSON.stringify(body), headers: { 'content-type': 'application/json' }, token: auth });

function refused(res: Awaited<ReturnType<typeof raw>>, message: string, details: [string, string][]) {
  assert.equal(res.status, 400, JSON.stringify(res.body));
  assert.equal(res.body.error.code, 'invalid_request');
  assert.equal(res.body.error.message, message);
  assert.deepEqual(res.body.error.details.map((d: { field: string; message: string }) => [d.field, d.message]), details);
  assert.doesNotMatch(res.body.error.message, /must NOT|must match|must have required|pattern/);
}

describe('validation messages', { concurrency: true }, () => {
  it('a name, an email and a password, each with its rule', async () => {
    refused(await post('/v1/accounts', { name: 'a!', email: 'not-an-email', password: 'short' }), 'name must be 3 to 32 characters: letters, digits, _ . -; email must be an email address; password must be 8 to 256 characters', [
      ['name', 'must be 3 to 32 characters: letters, digits, _ . -'],
      ['email', 'must be an email address'],
      ['password', 'must be 8 to 256 characters'],
    ]);
  });

  it('a missing field says it is required and what it must be; a wrong type is named', async () => {
    refused(await post('/v1/messages', { to: 'vm-alice' }, token), 'body is required and must be 1 to 4096 characters', [['body', 'is required and must be 1 to 4096 characters']]);
    refused(await post('/v1/accounts', { name: 42, email: 'a@example.com', password: 'long enough' }), 'name must be 3 to 32 characters: letters, digits, _ . -', [['name', 'must be 3 to 32 characters: letters, digits, _ . -']]);
  });

  it('query parameters and lists', async () => {
    refused(await raw(t.url, '/v1/sync?limit=0', { token }), 'limit must be a whole number from 1 to 1000', [['limit', 'must be a whole number from 1 to 1000']]);
    refused(await post('/v1/conversations', { title: 'Team', members: ['ok', ''] }, token), 'members.1 must be 1 to 32 characters', [['members.1', 'must be 1 to 32 characters']]);
    refused(await post('/v1/conversations', { title: 'Team', members: 'bob' }, token), 'members must be a list of at most 1000 items, each 1 to 32 characters', [
      ['members', 'must be a list of at most 1000 items, each 1 to 32 characters'],
    ]);
  });

  it('chat register shows the server\'s words', async () => {
    const r = await new Terminal(t.url).run(['register', 'x!', 'x@example.com', '--password-stdin'], { input: 'long enough password\n' });
    assert.equal(r.code, 1);
    assert.equal(r.stderr, 'chat: name must be 3 to 32 characters: letters, digits, _ . -\n');
  });
});
