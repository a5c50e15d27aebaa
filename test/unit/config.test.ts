import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ConfigError, SETTINGS, loadConfig, parseDuration, parseRate } from '../../src/config.js';
import { runCli } from '../helpers/process.js';

describe('config', () => {
  it('has the documented defaults', () => {
    const c = loadConfig({});
    assert.equal(c.port, 3000);
    assert.equal(c.host, '127.0.0.1');
    assert.equal(c.dataDir, './data');
    assert.equal(c.databaseUrl, null);
    assert.equal(c.dbPoolSize, 10);
    assert.equal(c.redisUrl, null);
    assert.equal(c.messageTtlMs, 2 * 3_600_000);
    assert.equal(c.purgeIntervalMs, 60 * 60_000);
    assert.equal(c.legacyApi, true);
    assert.deepEqual(c.allowedOrigins, []);
    assert.equal(c.logLevel, 'info');
    assert.equal(c.rateLimits, true);
    assert.equal(c.publicUrl, null);
    assert.equal(c.requestTimeoutMs, 30_000);
    assert.equal(c.headersTimeoutMs, 10_000);
    assert.equal(c.streamAuthTimeoutMs, 5_000);
    assert.equal(c.maxGroupSize, 1000);
    assert.deepEqual(c.rateSend, { points: 10, durationMs: 1_000 });
    assert.deepEqual(c.rateSendBurst, { points: 50, durationMs: 60_000 });
    assert.deepEqual(c.rateLoginFailures, { points: 10, durationMs: 60_000 });
    assert.deepEqual(c.rateAccountFailures, { points: 100, durationMs: 3_600_000 });
  });

  it('parses rates as count/window and refuses windows under a second', () => {
    assert.deepEqual(parseRate('10/s'), { points: 10, durationMs: 1_000 });
    assert.deepEqual(parseRate(' 50 / 1m '), { points: 50, durationMs: 60_000 });
    assert.deepEqual(parseRate('10/10m'), { points: 10, durationMs: 600_000 });
    for (const bad of ['10', '10/', '/1m', '0/1m', '10/500ms', '10/1 minute', 'ten/1m', '10/1m extra']) assert.equal(parseRate(bad), undefined, bad);
    assert.throws(() => loadConfig({ CHAT_RATE_SEND: '10 per second' }), /CHAT_RATE_SEND="10 per second" is not valid: expected a count per window/);
  });

  it('keeps the headers timeout within the request timeout, as Node requires', () => {
    const c = loadConfig({ CHAT_REQUEST_TIMEOUT: '2s', CHAT_HEADERS_TIMEOUT: '10s' });
    assert.equal(c.headersTimeoutMs, 2_000);
    assert.throws(() => loadConfig({ CHAT_PUBLIC_URL: 'ftp://x' }), /CHAT_PUBLIC_URL/);
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
    assert.equal(loadConfig({ DATABASE_URL: 'postgresql://chat@db/chat', CHAT_DB_POOL_SIZE: '25' }).dbPoolSize, 25);
    assert.equal(loadConfig({}, { 'db-pool-size': '3' }).dbPoolSize, 3);
    for (const bad of ['0', '1001', 'ten']) assert.throws(() => loadConfig({ CHAT_DB_POOL_SIZE: bad }), /CHAT_DB_POOL_SIZE.*1 to 1000/);
    assert.throws(() => loadConfig({}, { 'message-ttl': 'soon' }), /--message-ttl/);
  });

  it('a message TTL is 0 or at least a second, and a duration has nothing after its unit', () => {
    assert.equal(loadConfig({ CHAT_MESSAGE_TTL: '0' }).messageTtlMs, 0);
    assert.equal(loadConfig({ CHAT_MESSAGE_TTL: '1s' }).messageTtlMs, 1000);
    assert.equal(loadConfig({ CHAT_MESSAGE_TTL: '90000' }).messageTtlMs, 90_000);
    for (const bad of ['2', '999', '500ms', '0.5s', '2 hours', '2h30', '2h ago', '7days']) {
      assert.throws(() => loadConfig({}, { 'message-ttl': bad }), /^Error: --message-ttl=".*" is not valid: expected a duration of at least 1s/, bad);
    }
  });

  it('a TTL in words stops `chat-api serve` with the one-line error', async () => {
    const r = await runCli(['serve', '--message-ttl', '2 hours']);
    assert.equal(r.code, 1);
    assert.equal(r.stderr, 'chat-api: --message-ttl="2 hours" is not valid: expected a duration of at least 1s like 90s, 15m, 2h, 7d (a bare number is milliseconds), or 0 to keep messages forever\n');
  });

  it('an unknown option or command is named, then the usage follows; exit 2', async () => {
    const [option, command, missing] = await Promise.all([runCli(['serve', '--prot', '4000']), runCli(['srve']), runCli(['serve', '--port'])]);
    for (const [r, first] of [[option, 'chat-api: unknown option --prot'], [command, 'chat-api: unknown command srve'], [missing, 'chat-api: option --port needs a value']] as const) {
      assert.equal(r.code, 2);
      assert.equal(r.stdout, '');
      const lines = r.stderr.split('\n');
      assert.equal(lines[0], first);
      assert.ok(lines.includes('Usage:'), r.stderr);
    }
  });

  it('--help keeps its columns: every variable starts in the same column', async () => {
    const r = await runCli(['--help']);
    const rows = r.stdout.split('\n').filter((l) => /^ {2}--/.test(l));
    assert.equal(rows.length, SETTINGS.length);
    const columns = new Set(rows.map((l, i) => l.indexOf(SETTINGS[i]!.env)));
    assert.equal(columns.size, 1, rows.join('\n'));
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
