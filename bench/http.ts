// The HTTP half: the chat server's hot calls beside a bare node:http server,
// autocannon in this process. The baseline is measured right before each scenario.
import { availableParallelism } from 'node:os';
import type { Launcher } from './children.js';
import { measure, type LoadOptions, type Scenario } from './load.js';
import { failed, printReport, type Pair } from './report.js';
import { seed } from './seed.js';

export interface HttpOptions extends LoadOptions {
  /** Messages seeded in the direct conversation. */
  messages: number;
}

export async function runHttpHalf(options: HttpOptions, launcher: Launcher): Promise<boolean> {
  const store = await launcher.store();
  const [baseline, target] = await launcher.startAll([
    { name: 'baseline', file: './baseline.ts' },
    { name: 'chat-api', file: './target.ts', env: store.env, nodeFlags: launcher.profileFlags() },
  ]);

  console.log(`chat-api bench, HTTP: node ${process.version}, ${availableParallelism()} cores, ${options.connections} connections, ` +
    `${options.seconds} s per run after ${options.warmupSeconds} s warm-up; baseline measured right before each scenario`);
  console.log(`baseline ${baseline!.url}, chat-api ${target!.url} (${store.label}, rate limits off, logs silent)`);

  const seeded = await seed(target!.url, options.messages);
  console.log(`seeded 4 users, a direct conversation of ${options.messages} messages, a group with receipts and a delete\n`);

  const sendAuth = { authorization: `Bearer ${seeded.sender.token}` };
  const readAuth = { authorization: `Bearer ${seeded.reader.token}` };
  const prefix = `bench-${process.pid}-${Date.now().toString(36)}-`;
  let counter = 0;
  const scenarios: Scenario[] = [
    {
      name: 'POST /v1/messages',
      server: target!,
      method: 'POST',
      path: '/v1/messages',
      headers: sendAuth,
      // A unique clientId per request, or the server would answer repeats from its idempotency check.
      body: () => JSON.stringify({ conversationId: seeded.directConversationId, body: 'benchmark message', clientId: prefix + String(++counter) }),
    },
    {
      name: 'GET history ?limit=50',
      server: target!,
      method: 'GET',
      path: `/v1/conversations/${encodeURIComponent(seeded.directConversationId)}/messages?limit=50`,
      headers: readAuth,
    },
    { name: 'GET /v1/sync?limit=100', server: target!, method: 'GET', path: '/v1/sync?limit=100', headers: readAuth },
  ];

  // The baseline right before each scenario: on a shared 2-core machine it drifts
  // by tens of percent within a minute, so each ratio compares like with like.
  const pairs: Pair[] = [];
  for (const scenario of scenarios) {
    const baselineRun = await measure({ name: 'node:http GET (baseline)', server: baseline!, method: 'GET', path: '/' }, options);
    pairs.push({ baseline: baselineRun, scenario: await measure(scenario, options) });
  }

  printReport(pairs, launcher.storeKind === 'postgres' ? '; not PostgreSQL\'s or Redis\'s processes' : '');
  const ok = !failed(pairs.flatMap((p) => [p.baseline, p.scenario]));
  if (!ok) console.error('\nFAILED (HTTP): a run saw errors or non-2xx answers');
  return ok;
}
