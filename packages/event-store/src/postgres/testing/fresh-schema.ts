import { randomUUID } from 'node:crypto';

/** A schema name no other test uses, so tests share one database (or one PGlite) without clashing. */
export const freshSchemaName = (purpose = 'test'): string =>
  `es_${purpose}_${randomUUID().replace(/-/g, '').slice(0, 12)}`;
