// Sending and deleting messages.
import { IdParams, MessageAnswer, SendRequest } from '../../contract/index.js';
import { requireAuth, sessionOf } from '../auth.js';
import { NoContent, answers, bearer, type RouteModule } from './common.js';

export const messageRoutes: RouteModule = (app, { accounts, messaging, limits }) => {
  const auth = requireAuth(accounts);
  const tags = ['messages'];

  app.post('/v1/messages', {
    onRequest: auth,
    schema: {
      tags, security: bearer, body: SendRequest,
      summary: 'Send a message to a user (a direct conversation, created by the first message) or to a conversation',
      description: 'Idempotent by clientId per device: repeating a clientId stores nothing new and answers 200 with the first message. The answer comes once the message is durable on disk.',
      response: answers({ 201: MessageAnswer, 200: MessageAnswer }, 403, 404, 413),
    },
  }, async (request, reply) => {
    const session = sessionOf(request);
    await limits.send(session.device.id);
    const { message, created } = await messaging.send(session, request.body);
    return reply.code(created ? 201 : 200).send({ message });
  });

  app.delete('/v1/messages/:id', {
    onRequest: auth,
    schema: {
      tags, security: bearer, params: IdParams, summary: 'Delete a message for everyone (sender only); members get message.deleted',
      description: 'Only its sender may delete a message (403 forbidden for others); it disappears from every history and every member gets a message.deleted event.',
      response: answers({ 204: NoContent }, 403, 404),
    },
  }, async (request, reply) => {
    await messaging.deleteMessage(sessionOf(request), request.params.id);
    return reply.code(204).send(null);
  });
};
