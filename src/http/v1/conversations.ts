// Conversations: list, groups and their members, history, read receipts.
import {
  AddMemberRequest, ConversationAnswer, ConversationsAnswer, CreateGroupRequest, HistoryAnswer, HistoryQuery, IdParams, Limits, MemberParams, ReadRequest,
} from '../../contract/index.js';
import { requireAuth, sessionOf } from '../auth.js';
import { NoContent, answers, bearer, type RouteModule } from './common.js';

export const conversationRoutes: RouteModule = (app, { accounts, messaging }) => {
  const auth = requireAuth(accounts);
  const tags = ['conversations'];

  app.get('/v1/conversations', {
    onRequest: auth,
    schema: { tags, security: bearer, summary: 'Your conversations, most recent activity first, with last message and unread count', response: answers({ 200: ConversationsAnswer }) },
  }, async (request) => ({ conversations: await messaging.listConversations(sessionOf(request)) }));

  app.post('/v1/conversations', {
    onRequest: auth,
    schema: { tags, security: bearer, summary: 'Create a group; the caller is a member', body: CreateGroupRequest, response: answers({ 201: ConversationAnswer }, 404) },
  }, async (request, reply) => {
    const conversation = await messaging.createGroup(sessionOf(request), request.body.title, request.body.members);
    return reply.code(201).send({ conversation });
  });

  app.post('/v1/conversations/:id/members', {
    onRequest: auth,
    schema: {
      tags, security: bearer, params: IdParams, body: AddMemberRequest, summary: 'Add a user to a group (any member may)',
      response: answers({ 200: ConversationAnswer }, 403, 404),
    },
  }, async (request) => ({ conversation: await messaging.addMember(sessionOf(request), request.params.id, request.body.name) }));

  app.delete('/v1/conversations/:id/members/:userId', {
    onRequest: auth,
    schema: {
      tags, security: bearer, params: MemberParams, summary: 'Leave a group (your own id) or remove a member (the group creator only)',
      response: answers({ 204: NoContent }, 403, 404),
    },
  }, async (request, reply) => {
    await messaging.removeMember(sessionOf(request), request.params.id, request.params.userId);
    return reply.code(204).send(null);
  });

  app.get('/v1/conversations/:id/messages', {
    onRequest: auth,
    schema: {
      tags, security: bearer, params: IdParams, querystring: HistoryQuery, summary: 'A page of history, oldest first within the page; page back with before=<oldest id>',
      response: answers({ 200: HistoryAnswer }, 403, 404),
    },
  }, async (request) =>
    messaging.history(sessionOf(request), request.params.id, request.query.before, request.query.limit ?? Limits.historyPageDefault));

  app.post('/v1/conversations/:id/read', {
    onRequest: auth,
    schema: {
      tags, security: bearer, params: IdParams, body: ReadRequest, summary: 'Mark the conversation read up to a message; members get a receipt event',
      response: answers({ 204: NoContent }, 403, 404),
    },
  }, async (request, reply) => {
    await messaging.markRead(sessionOf(request), request.params.id, request.body.messageId);
    return reply.code(204).send(null);
  });
};
