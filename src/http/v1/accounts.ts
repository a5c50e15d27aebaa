// Accounts and sessions: register, login (a new device), logout, me, profile, delete.
import { DeleteMeRequest, LoginAnswer, LoginRequest, MeAnswer, RegisterRequest, UpdateMeRequest, UserAnswer } from '../../contract/index.js';
import { requireAuth, sessionOf } from '../auth.js';
import { NoContent, answers, bearer, clientIp, type RouteModule } from './common.js';

export const accountRoutes: RouteModule = (app, { accounts, limits }) => {
  const auth = requireAuth(accounts);
  const tags = ['accounts'];

  app.post('/v1/accounts', {
    schema: { tags, summary: 'Create an account', description: 'name: 3-32 characters of A-Z a-z 0-9 _ . -, unique ignoring case; email: valid and unique ignoring case; password: 8-256 characters. Rate-limited per IP and per name or email. Sign in afterwards with POST /v1/sessions.', body: RegisterRequest, response: answers({ 201: UserAnswer }, 409) },
  }, async (request, reply) => {
    await limits.register(clientIp(request), request.body.name, request.body.email);
    const user = await accounts.register(request.body);
    return reply.code(201).send({ user });
  });

  app.post('/v1/sessions', {
    schema: {
      tags, summary: 'Sign in: creates a new device and returns its token (shown once)',
      description: 'login is the user name or the email (any case). Every sign-in is a new device with its own token; keep the token, it is not shown again. A wrong login or password answers 401 invalid_credentials whether or not the account exists. Rate-limited per IP and per account.',
      body: LoginRequest, response: answers({ 201: LoginAnswer }),
    },
  }, async (request, reply) => {
    const account = await accounts.loginKey(request.body.login);
    return reply.code(201).send(await limits.password(clientIp(request), account, () => accounts.login(request.body), { signIn: true }));
  });

  app.delete('/v1/sessions/current', {
    onRequest: auth,
    schema: { tags, summary: 'Sign out this device; its token stops working', description: 'The device is deleted; its open streams get device.revoked and close with 4401.', security: bearer, response: answers({ 204: NoContent }) },
  }, async (request, reply) => {
    await accounts.logout(sessionOf(request));
    return reply.code(204).send(null);
  });

  app.get('/v1/me', {
    onRequest: auth,
    schema: { tags, summary: 'The signed-in user and device', description: 'Your own user includes your email; device.current is true.', security: bearer, response: answers({ 200: MeAnswer }) },
  }, async (request) => accounts.me(sessionOf(request)));

  app.patch('/v1/me', {
    onRequest: auth,
    schema: {
      tags, summary: 'Change email or password (a new password signs out every other device)', security: bearer,
      description: 'currentPassword is required for any change; a wrong one is 401 invalid_credentials and counts as a failed login. A new password revokes every other device of the account.',
      body: UpdateMeRequest, response: answers({ 200: UserAnswer }, 409),
    },
  }, async (request) => {
    const session = sessionOf(request);
    // A wrong current password counts as a failed sign-in: a stolen token must not guess it freely.
    return { user: await limits.password(clientIp(request), `user:${session.user.id}`, () => accounts.updateProfile(session, request.body)) };
  });

  app.delete('/v1/me', {
    onRequest: auth,
    schema: {
      tags, summary: 'Delete the account, its devices and its messages', security: bearer,
      description: 'The other members of its conversations get message.deleted for each of its messages (those not yet expired).',
      body: DeleteMeRequest, response: answers({ 204: NoContent }),
    },
  }, async (request, reply) => {
    const session = sessionOf(request);
    await limits.password(clientIp(request), `user:${session.user.id}`, () => accounts.deleteAccount(session, request.body.password));
    return reply.code(204).send(null);
  });
};
