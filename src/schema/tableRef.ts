/**
 * A table as written in SQL, a builder call or an entity declaration.
 *
 * `quoted` records whether the name was written quoted (`"Users"`, `` `Users` ``, `[Users]`):
 * quoted names compare exactly, unquoted ones case-insensitively, as databases fold them.
 * Entity names are always treated as quoted, because ORMs quote the identifiers they generate.
 */
export interface TableRef {
  readonly name: string;
  /** `undefined` means the default schema; `public` is normalised to `undefined`. */
  readonly schema?: string | undefined;
  readonly quoted: boolean;
}

/** Schemas that mean "the default schema" when written explicitly. */
const DEFAULT_SCHEMAS = new Set(['public']);

export function normaliseSchema(schema: string | undefined): string | undefined {
  if (schema === undefined || schema === '') return undefined;
  return DEFAULT_SCHEMAS.has(schema.toLowerCase()) ? undefined : schema;
}

export function createTableRef(name: string, options: { schema?: string | undefined; quoted?: boolean } = {}): TableRef {
  return { name, schema: normaliseSchema(options.schema), quoted: options.quoted ?? true };
}

function sameIdentifier(a: string, aQuoted: boolean, b: string, bQuoted: boolean): boolean {
  if (aQuoted && bQuoted) return a === b;
  return a.toLowerCase() === b.toLowerCase();
}

/** Whether two references can denote the same table. */
export function tableRefsMatch(a: TableRef, b: TableRef): boolean {
  if (!sameIdentifier(a.name, a.quoted, b.name, b.quoted)) return false;
  if (a.schema === undefined || b.schema === undefined) return a.schema === b.schema;
  return sameIdentifier(a.schema, a.quoted, b.schema, b.quoted);
}

/** A readable form for messages: `billing.invoices`. */
export function formatTableRef(ref: TableRef): string {
  return ref.schema === undefined ? ref.name : `${ref.schema}.${ref.name}`;
}
