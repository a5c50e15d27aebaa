import { Limits, SyncAnswer, SyncQuery } from '../../contract/index.js';
import { requireAuth, sessionOf } from '../auth.js';
import { answers, bearer, type RouteModule } from './common.js';

export const syncRoutes: RouteModule = (app, { accounts, sync }) => {
  app.get('/v1/sync', {
    onRequest: requireAuth(accounts),
    // The schema documents the answer; the events are built field by field by the
    // store, and JSON.stringify writes a page of them ~3x faster than the schema
    // serializer, which must test each event against every branch of the union.
    serializerCompiler: () => (data) => JSON.stringify(data),
    schema: {
      tags: ['sync'], security: bearer, querystring: SyncQuery,
      summary: 'Events of your account after a cursor, oldest first',
      description: 'Without since, from the start of retained history. Page with the returned cursor while hasMore; paging never skips or repeats an event.',
      response: answers({ 200: SyncAnswer }),
    },
  }, async (request) => sync.page(sessionOf(request), request.query.since, request.query.limit ?? Limits.syncPageDefault));
};
