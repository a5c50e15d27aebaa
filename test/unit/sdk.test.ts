// The SDK's pieces that need no server: ids for sends, and error mapping.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { once } from 'node:events';
import { createServer } from 'node:http';
import { ChatApiError, ChatClient, CloseCodes, ErrorCodes, Limits, newClientId, StreamLimits } from '../../src/sdk/index.js';
import * as contract from '../../src/contract/index.js';

describe('SDK', () => {
  it('makes a fresh clientId, also where crypto.randomUUID is missing (plain-http pages)', () => {
    const ids = new Set(Array.from({ length: 100 }, () => newClientId()));
    assert.equal(ids.size, 100);
    const randomUUID = globalThis.crypto.randomUUID;
    Object.defineProperty(globalThis.crypto, 'randomUUID', { value: undefined, configurable: true });
    try {
      const id = newClientId();
      assert.match(id, /^[0-9a-f]{32}$/);
      assert.notEqual(id, newClientId());
    } finally {
      Object.defineProperty(globalThis.crypto, 'randomUUID', { value: randomUUID, configurable: true });
    }
  });

  it('retries a safe call after a 503, but never one that is not idempotent', async () => {
    // A real server that is "unavailable" twice, then answers.
    let requests = 0;
    const flaky = createServer((req, res) => {
      requests++;
      const ok = requests % 3 === 0;
      res.writeHead(ok ? 200 : 503, { 'content-type': 'application/json' });
      res.end(JSON.stringify(ok ? { conversations: [] } : { error: { code: 'unavailable', message: 'try again' } }));
    });
    flaky.listen(0, '127.0.0.1');
    await once(flaky, 'listening');
    const { port } = flaky.address() as { port: number };
    try {
      const client = new ChatClient({ baseUrl: `http://127.0.0.1:${port}`, retries: 2 });
      assert.deepEqual(await client.conversations(), []);
      assert.equal(requests, 3, 'the first try and two retries');
      requests = 0;
      await assert.rejects(client.createGroup('g', []), (e: unknown) => e instanceof ChatApiError && e.code === 'unavailable' && e.status === 503);
      assert.equal(requests, 1, 'a call that is not idempotent is not repeated');
    } finally {
      flaky.close();
    }
  });

  it('a server that is not there is network_error, status 0', async () => {
    const client = new ChatClient({ baseUrl: 'http://127.0.0.1:9', retries: 0 });
    await assert.rejects(client.me(), (e: unknown) => e instanceof ChatApiError && e.code === 'network_error' && e.status === 0);
  });

  it('gives up on a server that never answers after timeoutMs', async () => {
    const silent = createServer(() => {
      // accepts the request and never answers
    });
    silent.listen(0, '127.0.0.1');
    await once(silent, 'listening');
    const { port } = silent.address() as { port: number };
    try {
      const client = new ChatClient({ baseUrl: `http://127.0.0.1:${port}`, retries: 0, timeoutMs: 200 });
      await assert.rejects(client.me(), (e: unknown) => e instanceof ChatApiError && e.code === 'network_error');
    } finally {
      silent.closeAllConnections();
      silent.close();
    }
  });

  it("exports the contract's values, the very ones the server checks against", () => {
    assert.equal(Limits, contract.Limits);
    assert.equal(ErrorCodes, contract.ErrorCodes);
    assert.equal(CloseCodes, contract.CloseCodes);
    assert.equal(StreamLimits, contract.StreamLimits);
    assert.equal(Limits.bodyMax, 4096);
    assert.equal(CloseCodes.unauthorized, 4401);
    assert.ok(ErrorCodes.includes('not_a_member'));
  });

  it('an error code outside the contract is http_error, so ChatApiError.code is always one of the union', async () => {
    const odd = createServer((_req, res) => {
      res.writeHead(418, { 'content-type': 'application/json' }).end('{"error":{"code":"teapot","message":"short and stout"}}');
    });
    odd.listen(0, '127.0.0.1');
    await once(odd, 'listening');
    const { port } = odd.address() as { port: number };
    try {
      const client = new ChatClient({ baseUrl: `http://127.0.0.1:${port}`, retries: 0 });
      await assert.rejects(client.me(), (e: unknown) => e instanceof ChatApiError && e.code === 'http_error' && e.status === 418);
    } finally {
      odd.close();
    }
  });
});
