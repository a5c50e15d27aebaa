import { intOption } from '../args.js';
import { str, type Command } from '../command.js';
import { UsageError } from '../errors.js';
import { userRows } from '../format.js';

export const search: Command = {
  name: 'search',
  summary: 'find users by name',
  usage: ['search QUERY [--limit N]'],
  description: 'Matches any part of a name, ignoring case; an exact match comes first.',
  options: { limit: { type: 'string', value: 'N', help: 'at most this many users (1-50, default 20)' } },
  async run(ctx, args, options) {
    if (args.length !== 1) throw new UsageError(args.length < 1 ? 'search needs a QUERY' : 'too many arguments (names have no spaces)', 'search');
    const limit = intOption(str(options, 'limit'), 'limit', 1, 50, 'search');
    const { client } = ctx.signedIn();
    const users = await client.searchUsers(args[0]!, limit);
    ctx.out.result({ users }, users.length ? userRows(users) : `no users match ${args[0]}`);
  },
};
