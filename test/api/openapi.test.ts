// /openapi.json is a reference a client author can work from: every operation
// summarized and described, every answer described (none "Default Response")
// with the error answers it can give, request bodies with an example, query
// and path parameters described, the original /api/* endpoints under their own tag.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { raw, startServer, type TestServer } from '../helpers/server.js';

interface Operation {
  tags?: string[];
  summary?: string;
  description?: string;
  security?: unknown[];
  parameters?: { name: string; in: string; description?: string }[];
  requestBody?: { content: Record<string, { example?: unknown; examples?: unknown; schema: unknown }> };
  responses: Record<string, { description?: string; content?: Record<string, { schema: { properties?: Record<string, unknown> } }> }>;
}

let t: TestServer;
let operations: [string, Operation][];
let tags: { name: string; description?: string }[];
before(async () => {
  t = await startServer();
  const doc = (await raw(t.url, '/openapi.json')).body as { paths: Record<string, Record<string, Operation>>; tags: typeof tags };
  operations = Object.entries(doc.paths).flatMap(([path, ops]) => Object.entries(ops).map(([method, op]) => [`${method.toUpperCase()} ${path}`, op] as [string, Operation]));
  tags = doc.tags;
});
after(() => t.close());

describe('the OpenAPI document', () => {
  it('every operation has a summary, a description and a declared, described tag', () => {
    assert.ok(operations.length >= 29, `${operations.length} operations`);
    const declared = new Map(tags.map((tag) => [tag.name, tag.description]));
    for (const [name, op] of operations) {
      assert.ok(op.summary && op.summary.length > 10, `${name} has a summary`);
      assert.ok(op.description && op.description.length > 20, `${name} has a description`);
      for (const tag of op.tags ?? []) assert.ok(declared.get(tag), `${name}: tag ${tag} is declared with a description`);
      assert.ok(op.tags?.length, `${name} has a tag`);
    }
  });

  it('every answer is described; none is "Default Response"', () => {
    for (const [name, op] of operations) {
      for (const [status, answer] of Object.entries(op.responses)) {
        assert.ok(answer.description && answer.description !== 'Default Response', `${name} ${status} is described`);
      }
    }
  });

  it('v1 operations list the error answers they can give, in the error shape', () => {
    const v1 = operations.filter(([name]) => / \/v1\/(?!stream)/.test(name));
    for (const [name, op] of v1) {
      for (const status of ['400', '429', '500', '503']) assert.ok(op.responses[status], `${name} documents ${status}`);
      assert.equal(Boolean(op.responses['401']), Boolean(op.security) || name === 'POST /v1/sessions', `${name}: 401 exactly when it can be`);
      assert.equal(Boolean(op.responses['415']), Boolean(op.requestBody), `${name}: 415 exactly when it takes a body`);
      for (const [status, answer] of Object.entries(op.responses)) {
        if (Number(status) >= 400) assert.ok(answer.content?.['application/json']?.schema.properties?.error, `${name} ${status} is {"error": …}`);
      }
    }
    const send = new Map(operations).get('POST /v1/messages')!;
    for (const status of ['201', '200', '403', '404', '413']) assert.ok(send.responses[status], `POST /v1/messages documents ${status}`);
    assert.match(send.responses['413']!.description!, /payload_too_large/);
  });

  it('every request body has an example, and every parameter a description', () => {
    for (const [name, op] of operations) {
      for (const [type, media] of Object.entries(op.requestBody?.content ?? {})) {
        assert.ok(media.example !== undefined || media.examples !== undefined, `${name} ${type} has an example`);
      }
      for (const p of op.parameters ?? []) assert.ok(p.description, `${name}: ${p.in} parameter ${p.name} is described`);
    }
    const sync = new Map(operations).get('GET /v1/sync')!;
    assert.deepEqual(sync.parameters!.map((p) => p.name).sort(), ['limit', 'since']);
  });

  it('the original /api/* endpoints are documented under their own tag, as forms or JSON', () => {
    const original = operations.filter(([name]) => name.includes(' /api/'));
    assert.deepEqual(original.map(([name]) => name).sort(), ['GET /api/get_messages', 'POST /api/regist', 'POST /api/search', 'POST /api/send_message', 'POST /api/user']);
    for (const [name, op] of original) {
      assert.deepEqual(op.tags, ['original API'], name);
      assert.ok(op.requestBody?.content['application/x-www-form-urlencoded'] && op.requestBody.content['application/json'], `${name} takes a form or JSON`);
    }
    assert.ok(operations.every(([name, op]) => name.includes(' /api/') || !op.tags?.includes('original API')));
  });
});
