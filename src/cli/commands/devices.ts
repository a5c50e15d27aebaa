import { rethrowAs } from '../api-errors.js';
import type { Command } from '../command.js';
import type { Context } from '../context.js';
import { UsageError } from '../errors.js';
import { deviceRows } from '../format.js';
import { Limits } from '../../sdk/index.js';

const NAME_MAX = Limits.deviceNameMax;

export const devices: Command = {
  name: 'devices',
  summary: 'list, rename or revoke the devices signed in to your account',
  usage: ['devices', 'devices rename ID NAME…', 'devices revoke ID'],
  description: [
    'The list marks this device with *. Revoking a device signs it out at once',
    '(its open streams close too); revoking this device signs you out here.',
  ].join('\n'),
  async run(ctx, args) {
    const [action, id, ...rest] = args;
    if (action === undefined) return list(ctx);
    if (action === 'rename') {
      const name = rest.join(' ');
      if (id === undefined || name === '') throw new UsageError('devices rename needs an ID and a NAME', 'devices');
      if (Array.from(name).length > NAME_MAX) throw new UsageError(`a device name is at most ${NAME_MAX} characters`, 'devices');
      return rename(ctx, id, name);
    }
    if (action === 'revoke') {
      if (id === undefined || rest.length) throw new UsageError('devices revoke needs exactly one ID', 'devices');
      return revoke(ctx, id);
    }
    throw new UsageError(`unknown devices action: ${action} (use rename or revoke)`, 'devices');
  },
};

async function list(ctx: Context): Promise<void> {
  const { client } = ctx.signedIn();
  const all = await client.devices();
  ctx.out.result({ devices: all }, deviceRows(all));
}

async function rename(ctx: Context, id: string, name: string): Promise<void> {
  const { session, client } = ctx.signedIn();
  const device = await client.renameDevice(id, name).catch((err) => rethrowAs(err, 'not_found', `unknown device: ${id}`));
  if (device.current) ctx.sessions.update(ctx.server, session.token, { device: { id: device.id, name: device.name } });
  ctx.out.result({ device }, `renamed device ${device.id} to "${device.name}"`);
}

async function revoke(ctx: Context, id: string): Promise<void> {
  const { session, client } = ctx.signedIn();
  await client.revokeDevice(id).catch((err) => rethrowAs(err, 'not_found', `unknown device: ${id}`));
  const current = id === session.device.id;
  if (current) ctx.sessions.delete(ctx.server, session.token);
  ctx.out.result({ revoked: id, current }, current ? `revoked device ${id} (this device): signed out` : `revoked device ${id}`);
}
