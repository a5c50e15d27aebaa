import { UserSearchQuery, UsersAnswer, Limits } from '../../contract/index.js';
import { requireAuth } from '../auth.js';
import { answers, bearer, type RouteModule } from './common.js';

export const userRoutes: RouteModule = (app, { accounts }) => {
  app.get('/v1/users', {
    onRequest: requireAuth(accounts),
    schema: {
      tags: ['users'], summary: 'Find users by name (case-insensitive, anywhere in the name; exact match first)',
      description: 'Answers user names and ids only (never emails). Use a name as to in POST /v1/messages or as a member of a group.', security: bearer,
      querystring: UserSearchQuery, response: answers({ 200: UsersAnswer }),
    },
  }, async (request) => ({ users: await accounts.searchUsers(request.query.q ?? '', request.query.limit ?? Limits.userSearchDefault) }));
};
