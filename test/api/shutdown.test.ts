// Graceful shutdown of the real process: on SIGTERM in-flight requests finish,
// every acknowledged message is on disk, and the database closes cleanly.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { ChatApiError, ChatClient } from '../../src/sdk/index.js';
import { PASSWORD, tempDir } from '../helpers/server.js';
import { spawnServer } from '../helpers/process.js';

describe('graceful shutdown', () => {
  it('finishes in-flight sends, loses no acknowledged message and closes the database', async () => {
    const dataDir = tempDir();
    try {
      const first = await spawnServer(['--data-dir', dataDir, '--rate-limits', 'off']);
      const a = new ChatClient({ baseUrl: first.url, retries: 0 });
      await a.register({ name: 'sender', email: 'sender@example.com', password: PASSWORD });
      await a.login({ login: 'sender', password: PASSWORD, deviceName: 'cli' });

      const acknowledged: string[] = [];
      let refused = 0;
      let firstAck!: () => void;
      const gotOne = new Promise<void>((resolve) => (firstAck = resolve));
      const sends = Array.from({ length: 300 }, (_, i) =>
        a.send({ to: 'sender', body: `m${i}` }).then(
          (m) => {
            acknowledged.push(m.id);
            firstAck();
          },
          (err: unknown) => {
            // Refused or cut off before an answer: the client was never told "stored".
            assert.ok(err instanceof ChatApiError && (err.status === 503 || err.status === 0), String(err));
            refused++;
          },
        ),
      );
      await gotOne;
      first.child.kill('SIGTERM');
      await Promise.all(sends);
      const code = await first.exited;
      assert.equal(code, 0, first.output());
      assert.match(first.output(), /shutting down/);
      assert.equal(acknowledged.length + refused, 300);
      assert.ok(acknowledged.length > 0);
      const wal = join(dataDir, 'chat.sqlite-wal');
      assert.ok(!existsSync(wal) || statSync(wal).size === 0, 'the WAL was checkpointed on close');

      const second = await spawnServer(['--data-dir', dataDir, '--rate-limits', 'off']);
      try {
        const b = new ChatClient({ baseUrl: second.url, retries: 0 });
        await b.login({ login: 'sender', password: PASSWORD, deviceName: 'check' });
        const [conv] = await b.conversations();
        const stored = new Set<string>();
        let before: string | undefined;
        for (;;) {
          const page = await b.history(conv!.id, { before, limit: 200 });
          page.messages.forEach((m) => stored.add(m.id));
          if (!page.hasMore) break;
          before = page.messages[0]!.id;
        }
        for (const id of acknowledged) assert.ok(stored.has(id), `acknowledged message ${id} survived the restart`);
      } finally {
        second.child.kill('SIGTERM');
        await second.exited;
      }
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
