// The one list of schema migrations. Each step carries its SQL per dialect;
// steps are applied in order, once, and recorded in schema_migrations.
import { sqliteSchemaV1 } from './001-initial.js';

export interface Migration {
  version: number;
  name: string;
  sqlite: string;
}

export const migrations: Migration[] = [{ version: 1, name: 'initial', sqlite: sqliteSchemaV1 }];
