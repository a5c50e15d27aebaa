import { rmSync } from 'node:fs';
import { openSqliteStore } from '../../src/store/sqlite/index.js';
import { storeContract } from '../helpers/store-contract.js';
import { tempDir } from '../helpers/server.js';

for (const inlineWrites of [false, true]) {
  storeContract(inlineWrites ? 'SQLite, writes on the main thread' : 'SQLite, writes on the writer thread', async () => {
    const dir = tempDir();
    const store = await openSqliteStore(dir, { inlineWrites });
    return {
      store,
      close: async () => {
        await store.close();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  });
}
