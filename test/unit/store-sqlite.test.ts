import { rmSync } from 'node:fs';
import { openSqliteStore } from '../../src/store/sqlite/index.js';
import { storeContract } from '../helpers/store-contract.js';
import { tempDir } from '../helpers/server.js';

storeContract('SQLite', async () => {
  const dir = tempDir();
  const store = openSqliteStore(dir);
  return {
    store,
    close: async () => {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
});
