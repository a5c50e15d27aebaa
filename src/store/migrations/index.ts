// The one list of schema migrations. Each step carries its SQL per dialect;
// steps are applied in order, once, and recorded in schema_migrations.
import { postgresSchemaV1, sqliteSchemaV1 } from './001-initial.js';
import { postgresFeedPositions, sqliteFeedPositions } from './002-feed-positions.js';
import { postgresGroupEventExpiry, sqliteGroupEventExpiry } from './003-group-event-expiry.js';

export interface Migration {
  version: number;
  name: string;
  sqlite: string;
  postgres: string;
}

export const migrations: Migration[] = [
  { version: 1, name: 'initial', sqlite: sqliteSchemaV1, postgres: postgresSchemaV1 },
  { version: 2, name: 'feed positions', sqlite: sqliteFeedPositions, postgres: postgresFeedPositions },
  { version: 3, name: 'group event expiry', sqlite: sqliteGroupEventExpiry, postgres: postgresGroupEventExpiry },
];
