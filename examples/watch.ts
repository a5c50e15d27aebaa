// Prints the events of an account live, as they arrive:
//   node --import tsx examples/watch.ts NAME PASSWORD [SERVER]
// The SDK reconnects with backoff and resumes from the last cursor on its own.
import WebSocket from 'ws';
import { ChatClient } from '../src/sdk/index.js';

const [login, password, baseUrl = 'http://127.0.0.1:3000'] = process.argv.slice(2);
if (!login || !password) {
  console.error('usage: node --import tsx examples/watch.ts NAME PASSWORD [SERVER]');
  process.exit(2);
}

const chat = new ChatClient({ baseUrl });
await chat.login({ login, password, deviceName: 'watch example' });
const stream = chat.stream({
  WebSocket, // Node 20 has no built-in WebSocket; browsers and Node 22+ can leave this out
  onEvent: (e) => {
    if (e.type === 'message') console.log(`${e.message.sender.name}: ${e.message.body}`);
    else console.log(JSON.stringify(e));
  },
  onState: (state) => console.error(`[${state}]`),
});
process.on('SIGINT', async () => {
  stream.close();
  await chat.logout(); // the example's device goes away with it
  process.exit(0);
});
