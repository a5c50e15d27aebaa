import type { Command } from '../command.js';
import { UsageError } from '../errors.js';
import { runInteractive } from '../interactive/index.js';

export const open: Command = {
  name: 'open',
  summary: 'the interactive chat, opened on that conversation',
  usage: ['open USER_OR_CONVERSATION'],
  description: 'Needs a terminal. `chat` with no arguments starts the interactive chat on its list of conversations.',
  async run(ctx, args, options) {
    if (args.length !== 1) throw new UsageError(args.length < 1 ? 'open needs a USER_OR_CONVERSATION' : 'too many arguments', 'open');
    if (options.json) throw new UsageError('the interactive chat has no --json mode', 'open');
    if (!isTerminal()) throw new UsageError('the interactive chat needs a terminal (stdin and stdout)', 'open');
    return runInteractive({ ctx, open: args[0]! });
  },
};

export function isTerminal(): boolean {
  return Boolean(process.stdin.isTTY && process.stdout.isTTY);
}
