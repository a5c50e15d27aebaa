import { Limits, SyncAnswer, SyncQuery } from '../../contract/index.js';
import { requireAuth, sessionOf } from '../auth.js';
import { answers, bearer, type RouteModule } from './common.js';

export const syncRoutes: RouteModule = (app, { accounts, sync }) => {
  app.get('/v1/sync', {
    onRequest: requireAuth(accounts),
    schema: {
      tags: ['sync'], security: bearer, querystring: SyncQuery,
      summary: 'Events of your account after a cursor, oldest first',
      description: 'Without since, from the start of retained history. Page with the returned cursor while hasMore; paging never skips or repeats an event.',
      response: answers({ 200: SyncAnswer }),
    },
  }, async (request) => sync.page(sessionOf(request), request.query.since, request.query.limit ?? Limits.syncPageDefault));
};
