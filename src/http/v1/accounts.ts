// Accounts and sessions: register, login (a new device), logout, me, profile, delete.
import { DeleteMeRequest, LoginAnswer, LoginRequest, MeAnswer, RegisterRequest, UpdateMeRequest, UserAnswer } from '../../contract/index.js';
import { requireAuth, sessionOf } from '../auth.js';
import { NoContent, answers, bearer, clientIp, type RouteModule } from './common.js';

export const accountRoutes: RouteModule = (app, { accounts, limits }) => {
  const auth = requireAuth(accounts);
  const tags = ['accounts'];

  app.post('/v1/accounts', {
    schema: { tags, summary: 'Create an account', body: RegisterRequest, response: answers({ 201: UserAnswer }, 409) },
  }, async (request, reply) => {
    await limits.register(clientIp(request), request.body.name, request.body.email);
    const user = await accounts.register(request.body);
    return reply.code(201).send({ user });
  });

  app.post('/v1/sessions', {
    schema: {
      tags, summary: 'Sign in: creates a new device and returns its token (shown once)',
      body: LoginRequest, response: answers({ 201: LoginAnswer }),
    },
  }, async (request, reply) => {
    await limits.login(clientIp(request), request.body.login);
    return reply.code(201).send(await accounts.login(request.body));
  });

  app.delete('/v1/sessions/current', {
    onRequest: auth,
    schema: { tags, summary: 'Sign out this device; its token stops working', security: bearer, response: answers({ 204: NoContent }) },
  }, async (request, reply) => {
    await accounts.logout(sessionOf(request));
    return reply.code(204).send(null);
  });

  app.get('/v1/me', {
    onRequest: auth,
    schema: { tags, summary: 'The signed-in user and device', security: bearer, response: answers({ 200: MeAnswer }) },
  }, async (request) => accounts.me(sessionOf(request)));

  app.patch('/v1/me', {
    onRequest: auth,
    schema: {
      tags, summary: 'Change email or password (a new password signs out every other device)', security: bearer,
      body: UpdateMeRequest, response: answers({ 200: UserAnswer }, 409),
    },
  }, async (request) => ({ user: await accounts.updateProfile(sessionOf(request), request.body) }));

  app.delete('/v1/me', {
    onRequest: auth,
    schema: {
      tags, summary: 'Delete the account, its devices and its messages', security: bearer,
      description: 'The other members of its conversations get message.deleted for each of its messages (those not yet expired).',
      body: DeleteMeRequest, response: answers({ 204: NoContent }),
    },
  }, async (request, reply) => {
    await accounts.deleteAccount(sessionOf(request), request.body.password);
    return reply.code(204).send(null);
  });
};
