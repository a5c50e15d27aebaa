// `chat group …`: create a group, rename it, change its members, leave it, list them.
// GROUP is a group's id or a title only one of your groups has (resolve.ts).
import type { Conversation } from '../../sdk/index.js';
import { rethrowAs } from '../api-errors.js';
import type { Command } from '../command.js';
import type { Context } from '../context.js';
import { CliError, UsageError } from '../errors.js';
import type { Me } from '../format.js';
import { resolveGroup } from '../resolve.js';

export const group: Command = {
  name: 'group',
  summary: 'create or rename a group, add or remove members, leave it, list its members',
  synopsis: 'group ACTION …',
  usage: ['group create TITLE USER…', 'group rename GROUP TITLE', 'group add GROUP USER', 'group remove GROUP USER', 'group leave GROUP', 'group members GROUP'],
  description: [
    'GROUP is a group title (when only one of your groups has it) or a group id',
    '(see `chat conversations`). You are a member of the groups you create; any',
    'member may rename it and add people, only the group\'s creator may remove',
    'others, and anyone may leave.',
  ].join('\n'),
  async run(ctx, args) {
    const [action, ...rest] = args;
    switch (action) {
      case 'create': {
        const [title, ...users] = rest;
        if (title === undefined || users.length === 0) throw new UsageError('group create needs a TITLE and at least one USER', 'group');
        if (title.trim() === '') throw new UsageError('the group title is empty', 'group');
        return create(ctx, title, users);
      }
      case 'rename': {
        if (rest.length !== 2) throw new UsageError('group rename needs a GROUP and a TITLE', 'group');
        if (rest[1]!.trim() === '') throw new UsageError('the group title is empty', 'group');
        return rename(ctx, rest[0]!, rest[1]!);
      }
      case 'add':
      case 'remove':
        if (rest.length !== 2) throw new UsageError(`group ${action} needs a GROUP and a USER`, 'group');
        return action === 'add' ? add(ctx, rest[0]!, rest[1]!) : remove(ctx, rest[0]!, rest[1]!);
      case 'leave':
      case 'members':
        if (rest.length !== 1) throw new UsageError(`group ${action} needs exactly one GROUP`, 'group');
        return action === 'leave' ? leave(ctx, rest[0]!) : members(ctx, rest[0]!);
      case undefined:
        throw new UsageError('group needs an action: create, rename, add, remove, leave or members', 'group');
      default:
        throw new UsageError(`unknown group action: ${action} (use create, rename, add, remove, leave or members)`, 'group');
    }
  },
};

/** `#Weekend (id …): alice, bob, you` */
function describe(c: Conversation, me: Me): string {
  const names = c.members.filter((m) => m.id !== me.id).map((m) => m.name);
  if (c.members.some((m) => m.id === me.id)) names.push('you');
  return `#${c.title ?? '(untitled group)'} (id ${c.id}): ${names.join(', ')}`;
}

async function create(ctx: Context, title: string, users: string[]): Promise<void> {
  const { session, client } = ctx.signedIn();
  const created = await client.createGroup(title, users).catch((err) => rethrowAs(err, 'user_not_found', unknownUser(err, users)));
  ctx.out.result({ conversation: created }, `created ${describe(created, session.user)}`);
}

async function rename(ctx: Context, target: string, title: string): Promise<void> {
  const { session, client } = ctx.signedIn();
  const found = await resolveGroup(client, target);
  const renamed = await client.renameGroup(found.id, title);
  ctx.out.result({ conversation: renamed }, `renamed #${found.title} to ${describe(renamed, session.user)}`);
}

async function add(ctx: Context, target: string, user: string): Promise<void> {
  const { session, client } = ctx.signedIn();
  const found = await resolveGroup(client, target);
  const changed = await client
    .addMember(found.id, user)
    .catch((err) => rethrowAs(err, 'user_not_found', `unknown user: ${user}`));
  ctx.out.result({ conversation: changed }, `added ${user} to ${describe(changed, session.user)}`);
}

async function remove(ctx: Context, target: string, user: string): Promise<void> {
  const { session, client } = ctx.signedIn();
  const found = await resolveGroup(client, target);
  const member = found.members.find((m) => m.name.toLowerCase() === user.toLowerCase());
  if (!member) throw new CliError(`${user} is not a member of #${found.title}`, 'not_a_member');
  if (member.id === session.user.id) throw new UsageError('to remove yourself, use: chat group leave GROUP', 'group');
  await client
    .removeMember(found.id, member.id)
    .catch((err) => rethrowAs(err, 'forbidden', `only the creator of #${found.title} may remove others`));
  ctx.out.result({ removed: { conversationId: found.id, user: member } }, `removed ${member.name} from #${found.title}`);
}

async function leave(ctx: Context, target: string): Promise<void> {
  const { session, client } = ctx.signedIn();
  const found = await resolveGroup(client, target);
  await client.removeMember(found.id, session.user.id);
  ctx.out.result({ left: { conversationId: found.id } }, `left #${found.title}`);
}

async function members(ctx: Context, target: string): Promise<void> {
  const { session, client } = ctx.signedIn();
  const found = await resolveGroup(client, target);
  const rows = found.members.map((m) => (m.id === session.user.id ? `${m.name} (you)` : m.name));
  ctx.out.result({ conversation: found, members: found.members }, [`#${found.title} (id ${found.id}), ${found.members.length} members:`, ...rows.map((r) => `  ${r}`)]);
}

/** The server names the unknown user in its message; fall back to listing who was asked for. */
function unknownUser(err: unknown, users: string[]): string {
  const named = users.find((u) => err instanceof Error && err.message.toLowerCase().endsWith(` ${u.toLowerCase()}`));
  return named ? `unknown user: ${named}` : `unknown user among: ${users.join(', ')}`;
}
