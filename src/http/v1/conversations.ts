// Conversations: list, groups and their members, history, read receipts.
import {
  AddMemberRequest, ConversationAnswer, RenameGroupRequest, ConversationsAnswer, CreateGroupRequest, HistoryAnswer, HistoryQuery, IdParams, Limits, MemberParams, ReadRequest,
} from '../../contract/index.js';
import { requireAuth, sessionOf } from '../auth.js';
import { NoContent, answers, bearer, type RouteModule } from './common.js';

export const conversationRoutes: RouteModule = (app, { accounts, messaging, limits }) => {
  const auth = requireAuth(accounts);
  const tags = ['conversations'];

  app.get('/v1/conversations', {
    onRequest: auth,
    schema: { tags, security: bearer, summary: 'Your conversations, most recent activity first, with last message and unread count',
      description: 'Direct conversations and the groups you are a member of. unread counts the messages of others after your last read receipt.', response: answers({ 200: ConversationsAnswer }) },
  }, async (request) => ({ conversations: await messaging.listConversations(sessionOf(request)) }));

  app.post('/v1/conversations', {
    onRequest: auth,
    schema: { tags, security: bearer, summary: 'Create a group; the caller is a member', description: 'title: 1-128 characters; members: user names (you are added anyway). Any unknown name is 404 user_not_found and nothing is created.', body: CreateGroupRequest, response: answers({ 201: ConversationAnswer }, 404) },
  }, async (request, reply) => {
    const session = sessionOf(request);
    await limits.createGroup(session.user.id);
    const conversation = await messaging.createGroup(session, request.body.title, request.body.members);
    return reply.code(201).send({ conversation });
  });

  app.patch('/v1/conversations/:id', {
    onRequest: auth,
    schema: {
      tags, security: bearer, params: IdParams, body: RenameGroupRequest, summary: 'Rename a group (any member may)',
      description: 'title: 1-128 characters. Every member gets a conversation.updated event. A direct conversation has no title (403 forbidden).',
      response: answers({ 200: ConversationAnswer }, 403, 404),
    },
  }, async (request) => {
    const session = sessionOf(request);
    await limits.changeGroup(session.user.id);
    return { conversation: await messaging.renameGroup(session, request.params.id, request.body.title) };
  });

  app.post('/v1/conversations/:id/members', {
    onRequest: auth,
    schema: {
      tags, security: bearer, params: IdParams, body: AddMemberRequest, summary: 'Add a user to a group (any member may)',
      description: 'name is a user name. A direct conversation cannot gain members (403). The new member starts with the earlier messages counted as read.',
      response: answers({ 200: ConversationAnswer }, 403, 404),
    },
  }, async (request) => {
    const session = sessionOf(request);
    await limits.changeGroup(session.user.id);
    return { conversation: await messaging.addMember(session, request.params.id, request.body.name) };
  });

  app.delete('/v1/conversations/:id/members/:userId', {
    onRequest: auth,
    schema: {
      tags, security: bearer, params: MemberParams, summary: 'Leave a group (your own id) or remove a member (the group creator only)',
      description: 'Anyone may leave; only the group\'s creator may remove others (403 forbidden). A direct conversation cannot lose members (403).',
      response: answers({ 204: NoContent }, 403, 404),
    },
  }, async (request, reply) => {
    const session = sessionOf(request);
    if (request.params.userId !== session.user.id) await limits.changeGroup(session.user.id); // leaving is never limited
    await messaging.removeMember(session, request.params.id, request.params.userId);
    return reply.code(204).send(null);
  });

  app.get('/v1/conversations/:id/messages', {
    onRequest: auth,
    schema: {
      tags, security: bearer, params: IdParams, querystring: HistoryQuery, summary: 'A page of history, oldest first within the page; page back with before=<oldest id>',
      description: 'The first page holds the newest messages. While hasMore is true, ask for the page before the oldest message you hold. Expired messages are never returned.',
      response: answers({ 200: HistoryAnswer }, 403, 404),
    },
  }, async (request) =>
    messaging.history(sessionOf(request), request.params.id, request.query.before, request.query.limit ?? Limits.historyPageDefault));

  app.post('/v1/conversations/:id/read', {
    onRequest: auth,
    schema: {
      tags, security: bearer, params: IdParams, body: ReadRequest, summary: 'Mark the conversation read up to a message; members get a receipt event',
      description: 'messageId must be a message of this conversation. Every member, your other devices included, gets a receipt event; unread counts drop accordingly.',
      response: answers({ 204: NoContent }, 403, 404),
    },
  }, async (request, reply) => {
    await messaging.markRead(sessionOf(request), request.params.id, request.body.messageId);
    return reply.code(204).send(null);
  });
};
