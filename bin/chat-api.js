#!/usr/bin/env node
// The package's `chat-api` command runs the built server (npm run build, or npm start, builds it).
import('../dist/main.js').catch((err) => {
  if (err && err.code === 'ERR_MODULE_NOT_FOUND' && String(err.message).includes('dist/main.js')) {
    process.stderr.write('chat-api: the server is not built yet; run npm run build (npm start builds it too)\n');
    process.exit(1);
  }
  throw err;
});
