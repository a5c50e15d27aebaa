// The caller's devices: list, rename, revoke.
import { DeviceAnswer, DevicesAnswer, IdParams, RenameDeviceRequest } from '../../contract/index.js';
import { requireAuth, sessionOf } from '../auth.js';
import { NoContent, answers, bearer, type RouteModule } from './common.js';

export const deviceRoutes: RouteModule = (app, { accounts }) => {
  const auth = requireAuth(accounts);
  const tags = ['devices'];

  app.get('/v1/devices', {
    onRequest: auth,
    schema: { tags, summary: 'List your devices', description: 'Every signed-in device of your account; current marks the one making this request.', security: bearer, response: answers({ 200: DevicesAnswer }) },
  }, async (request) => ({ devices: await accounts.listDevices(sessionOf(request)) }));

  app.patch('/v1/devices/:id', {
    onRequest: auth,
    schema: { tags, summary: 'Rename a device', description: 'name: 1-64 characters. Only your own devices; another account\'s device id is 404.', security: bearer, params: IdParams, body: RenameDeviceRequest, response: answers({ 200: DeviceAnswer }, 404) },
  }, async (request) => ({ device: await accounts.renameDevice(sessionOf(request), request.params.id, request.body.name) }));

  app.delete('/v1/devices/:id', {
    onRequest: auth,
    schema: { tags, summary: "Revoke a device: its token fails at once and its streams close", description: "Its open streams get device.revoked and close with 4401 within a second. Revoking the current device signs you out.", security: bearer, params: IdParams, response: answers({ 204: NoContent }, 404) },
  }, async (request, reply) => {
    await accounts.revokeDevice(sessionOf(request), request.params.id);
    return reply.code(204).send(null);
  });
};
