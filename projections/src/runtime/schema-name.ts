/**
 * Schema names are written into SQL as they are (`SET search_path TO x`), so only plain lower-case
 * identifiers are accepted. Short enough that a rebuild's scratch schema, named after it, fits in
 * PostgreSQL's 63 characters.
 */
const schemaNamePattern = /^[a-z_][a-z0-9_]{0,39}$/;

export const defaultReadModelSchema = 'read_models';

/** A bad schema name is a setting mistake found at startup, so it throws. */
export const assertSchemaName = (schema: string): void => {
  if (!schemaNamePattern.test(schema))
    throw new Error(
      `read-model schema "${schema}" must be a lower-case identifier of at most 40 characters`,
    );
};
