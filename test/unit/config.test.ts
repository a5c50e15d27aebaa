import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ConfigError, loadConfig, parseDuration } from '../../src/config.js';
import { runCli } from '../helpers/process.js';

describe('config', () => {
  it('has the documented defaults', () => {
    const c = loadConfig({});
    assert.equal(c.port, 3000);
    assert.equal(c.host, '127.0.0.1');
    assert.equal(c.dataDir, './data');
    assert.equal(c.databaseUrl, null);
    assert.equal(c.redisUrl, null);
    assert.equal(c.messageTtlMs, 2 * 3_600_000);
    assert.equal(c.purgeIntervalMs, 60 * 60_000);
    assert.equal(c.legacyApi, true);
    assert.deepEqual(c.allowedOrigins, []);
    assert.equal(c.logLevel, 'info');
    assert.equal(c.rateLimits, true);
  });

  it('parses durations', () => {
    assert.equal(parseDuration('90s'), 90_000);
    assert.equal(parseDuration('15m'), 900_000);
    assert.equal(parseDuration('2h'), 7_200_000);
    assert.equal(parseDuration('7d'), 604_800_000);
    assert.equal(parseDuration('1500'), 1500);
    assert.equal(parseDuration('0'), 0);
    for (const bad of ['', 'abc', '-5s', '2 weeks', '1y']) assert.equal(parseDuration(bad), undefined, bad);
  });

  it('reads the environment; flags win', () => {
    const c = loadConfig(
      { PORT: '4000', CHAT_MESSAGE_TTL: '7d', CHAT_LEGACY_API: '0', CHAT_ALLOWED_ORIGINS: 'https://a.example, http://b.example:8080', CHAT_RATE_LIMITS: 'off' },
      { port: '5000' },
    );
    assert.equal(c.port, 5000);
    assert.equal(c.messageTtlMs, 604_800_000);
    assert.equal(c.legacyApi, false);
    assert.deepEqual(c.allowedOrigins, ['https://a.example', 'http://b.example:8080']);
    assert.equal(c.rateLimits, false);
  });

  it('names the variable and what it accepts when a value is bad', () => {
    assert.throws(() => loadConfig({ PORT: 'eighty' }), (e: Error) => e instanceof ConfigError && /^PORT="eighty" is not valid: expected a port number/.test(e.message));
    assert.throws(() => loadConfig({ CHAT_PURGE_INTERVAL: '10ms' }), /CHAT_PURGE_INTERVAL/);
    assert.throws(() => loadConfig({ DATABASE_URL: 'mysql://x' }), /DATABASE_URL.*postgres/);
    assert.throws(() => loadConfig({}, { 'message-ttl': 'soon' }), /--message-ttl/);
  });

  it('an invalid value stops `chat-api serve` with one line', async () => {
    const r = await runCli(['serve'], { CHAT_MESSAGE_TTL: 'forever' });
    assert.equal(r.code, 1);
    assert.equal(r.stderr.trim().split('\n').length, 1);
    assert.match(r.stderr, /CHAT_MESSAGE_TTL="forever" is not valid: expected a duration/);
  });

  it('--help lists every setting as a flag and a variable', async () => {
    const r = await runCli(['--help']);
    assert.equal(r.code, 0);
    for (const v of ['PORT', 'HOST', 'CHAT_DATA_DIR', 'DATABASE_URL', 'REDIS_URL', 'CHAT_MESSAGE_TTL', 'CHAT_PURGE_INTERVAL', 'CHAT_LEGACY_API', 'CHAT_ALLOWED_ORIGINS', 'LOG_LEVEL', 'CHAT_RATE_LIMITS']) {
      assert.match(r.stdout, new RegExp(`--[a-z-]+ +${v} `), v);
    }
  });

  it('`chat-api migrate` creates and migrates the database', async () => {
    const { tempDir } = await import('../helpers/server.js');
    const dir = tempDir();
    const first = await runCli(['migrate', '--data-dir', dir]);
    assert.equal(first.code, 0, first.stderr);
    assert.match(first.stdout, /applied migrations 1/);
    const again = await runCli(['migrate', '--data-dir', dir]);
    assert.match(again.stdout, /up to date/);
  });
});
