import * as t from 'io-ts';

interface SchemaNameBrand {
  readonly SchemaName: unique symbol;
}

/**
 * The PostgreSQL schema a store keeps its tables in. Restricted to lower-case identifiers so it can
 * be written into SQL as it is, without quoting, and so it fits in a NOTIFY payload.
 */
export const SchemaName = t.brand(
  t.string,
  (name): name is t.Branded<string, SchemaNameBrand> => /^[a-z_][a-z0-9_]{0,62}$/.test(name),
  'SchemaName',
);
export type SchemaName = t.TypeOf<typeof SchemaName>;

export const defaultSchemaName = 'event_store' as SchemaName;
