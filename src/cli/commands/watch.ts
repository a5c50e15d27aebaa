import WebSocket from 'ws';
import type { StreamEvent } from '../../sdk/index.js';
import { signedOut } from '../api-errors.js';
import type { Command } from '../command.js';
import { UsageError } from '../errors.js';
import { EventLines } from '../event-lines.js';

export const watch: Command = {
  name: 'watch',
  summary: 'print events live from the stream until interrupted',
  usage: ['watch'],
  description: [
    'Prints messages, deletions, read receipts, typing and presence as they happen;',
    'when the connection drops it reconnects and resumes without losing events.',
    'Notes (watching, reconnecting) go to stderr. Ctrl+C (or SIGTERM) stops it, exit 0.',
    '',
    'With --json, stdout is NDJSON: one JSON document per line, each event exactly as',
    'the stream sends it (see the API docs), plus {"type":"ready","cursor":...} each',
    'time the stream (re)opens; a failure ends with one {"error":...} line.',
  ].join('\n'),
  async run(ctx, args) {
    if (args.length) throw new UsageError('watch takes no arguments', 'watch');
    ctx.out.lineMode = true;
    const { session, client } = ctx.signedIn();
    // Fail fast (server down, signed out) before settling into reconnect loops.
    const { user } = await client.me();
    const lines = new EventLines(client, user);
    await lines.load();

    return new Promise<void>((resolve, reject) => {
      let opened = false;
      let queue = Promise.resolve();
      const show = (e: StreamEvent) => {
        if (ctx.out.json) return ctx.out.item(e);
        queue = queue.then(async () => ctx.out.item(e, await lines.line(e))).catch(() => undefined);
      };
      let ended = false;
      const end = (error?: Error) => {
        if (ended) return;
        ended = true;
        process.off('SIGINT', stop);
        process.off('SIGTERM', stop);
        stream.close();
        void queue.then(() => (error ? reject(error) : resolve()));
      };
      const stop = () => end();
      const stream = client.stream({
        WebSocket,
        onEvent: show,
        onState: (state, detail) => {
          if (state === 'open') {
            ctx.out.item({ type: 'ready', cursor: stream.cursor });
            ctx.out.note(opened ? 'reconnected' : `watching ${ctx.server} as ${user.name}; press Ctrl+C to stop`);
            opened = true;
          } else if (state === 'reconnecting' && detail?.retryInMs !== undefined) {
            ctx.out.note(`connection lost${detail.code ? ` (code ${detail.code})` : ''}; reconnecting in ${(detail.retryInMs / 1000).toFixed(1)} s`);
          } else if (state === 'unauthorized') {
            ctx.sessions.delete(ctx.server, session.token);
            end(signedOut(ctx.server));
          }
        },
      });
      process.on('SIGINT', stop);
      process.on('SIGTERM', stop);
    });
  },
};
