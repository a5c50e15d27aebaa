// Fills a fresh server through the SDK: four signed-in users, a direct
// conversation with a few hundred messages (for the history page) and a group
// with messages, receipts and a delete (so the sync page holds every kind of event).
import { ChatClient } from '../src/sdk/index.js';

export interface Seeded {
  /** Sends in the POST scenario. */
  sender: { token: string };
  /** Reads history and sync. */
  reader: { token: string };
  directConversationId: string;
  groupConversationId: string;
}

const PASSWORD = 'bench-password-1';
const NAMES = ['bench_alice', 'bench_bob', 'bench_carol', 'bench_dave'] as const;

export async function seed(baseUrl: string, directMessages: number): Promise<Seeded> {
  const users = await Promise.all(NAMES.map(async (name) => {
    const client = new ChatClient({ baseUrl, retries: 0 });
    await client.register({ name, email: `${name}@bench.example`, password: PASSWORD });
    await client.login({ login: name, password: PASSWORD, deviceName: 'bench' });
    return client;
  }));
  const [alice, bob, carol, dave] = users as [ChatClient, ChatClient, ChatClient, ChatClient];

  const first = await alice.send({ to: 'bench_bob', body: 'hello bob' });
  const direct = first.conversationId;
  // Ten at a time: concurrent enough to exercise group commit, ordered enough to read like a chat.
  for (let i = 1; i < directMessages; i += 10) {
    const batch = [];
    for (let j = i; j < Math.min(i + 10, directMessages); j++) {
      const from = j % 2 === 0 ? alice : bob;
      batch.push(from.send({ conversationId: direct, body: `direct message ${j}: ${'lorem ipsum '.repeat(1 + (j % 8))}` }));
    }
    await Promise.all(batch);
  }

  const group = await alice.createGroup('bench group', ['bench_bob', 'bench_carol', 'bench_dave']);
  let last = '';
  for (let i = 0; i < 20; i++) {
    const from = users[i % users.length]!;
    last = (await from.send({ conversationId: group.id, body: `group message ${i}` })).id;
  }
  await Promise.all([bob.markRead(group.id, last), carol.markRead(group.id, last), dave.markRead(group.id, last)]);
  const oops = await carol.send({ conversationId: group.id, body: 'sent by mistake' });
  await carol.deleteMessage(oops.id);
  await bob.markRead(direct, (await bob.history(direct, { limit: 1 })).messages[0]!.id);

  // The pages the read scenarios ask for must be full, or the figures mean little.
  const page = await bob.history(direct, { limit: 50 });
  if (page.messages.length !== 50 || !page.hasMore) throw new Error(`seed: the history page holds ${page.messages.length} messages, expected 50 and more`);
  const feed = await bob.sync({ limit: 100 });
  if (feed.events.length !== 100 || !feed.hasMore) throw new Error(`seed: the sync page holds ${feed.events.length} events, expected 100 and more`);

  return {
    sender: { token: alice.token! },
    reader: { token: bob.token! },
    directConversationId: direct,
    groupConversationId: group.id,
  };
}
