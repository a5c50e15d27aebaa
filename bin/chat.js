#!/usr/bin/env node
// The package's `chat` command: the built terminal client (npm run build, or npm start, builds it).
import('../dist/cli/main.js').catch((err) => {
  if (err && err.code === 'ERR_MODULE_NOT_FOUND' && String(err.message).includes('dist/cli/main.js')) {
    process.stderr.write('chat: the client is not built yet; run npm run build\n');
    process.exit(1);
  }
  throw err;
});
