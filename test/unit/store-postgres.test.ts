// The store contract on PostgreSQL: a throwaway server for this process, a
// fresh database for each store the suite opens.
import { it } from 'node:test';
import assert from 'node:assert/strict';
import { AppError } from '../../src/domain/errors.js';
import { translateStoreError } from '../../src/store/errors.js';
import { storeContract } from '../helpers/store-contract/index.js';
import { sharedPostgres } from '../helpers/postgres-server.js';
import { openPostgresStore } from '../../src/store/postgres/index.js';

storeContract('PostgreSQL', async () => {
  const server = await sharedPostgres();
  const store = await openPostgresStore(await server.createDatabase(), { poolSize: 10 });
  return { store, close: () => store.close() };
});

it('store errors: PostgreSQL unreachable, shutting down or out of connections is unavailable; its unique violations are refusals; others pass through', () => {
  const pgError = (fields: object) => Object.assign(new Error('driver text'), fields);
  for (const fields of [{ code: 'ECONNREFUSED' }, { code: 'ECONNRESET' }, { code: '57P01' }, { code: '57P03' }, { code: '08006' }, { code: '53300' }, { code: '40P01' }]) {
    const translated = translateStoreError(pgError(fields));
    assert.ok(translated instanceof AppError && translated.code === 'unavailable' && translated.status === 503, JSON.stringify(fields));
  }
  for (const message of ['Connection terminated unexpectedly', 'Connection terminated due to connection timeout', 'timeout exceeded when trying to connect']) {
    assert.equal((translateStoreError(new Error(message)) as AppError).code, 'unavailable', message);
  }
  assert.equal((translateStoreError(pgError({ code: '23505', constraint: 'users_name_key_key' })) as AppError).code, 'name_taken');
  assert.equal((translateStoreError(pgError({ code: '23505', constraint: 'users_email_key_key' })) as AppError).code, 'email_taken');
  for (const fields of [{ code: '42P01' }, { code: '23505', constraint: 'something_else' }]) {
    const err = pgError(fields);
    assert.equal(translateStoreError(err), err, 'a bug stays a bug (500), not a 503 to retry');
  }
});
