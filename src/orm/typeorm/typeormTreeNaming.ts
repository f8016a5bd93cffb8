/**
 * TypeORM's `DefaultNamingStrategy.closureJunctionTableName(originalClosureTableName)`: the table
 * holding a `@Tree('closure-table')` entity's ancestor/descendant pairs. Identical in 0.3 and 1.x
 * (parity-tested against both). `originalClosureTableName` is the tree option `closureTableName`
 * when given, else the entity's own table name (ClosureJunctionEntityMetadataBuilder.build).
 */
export function typeormClosureJunctionTableName(originalClosureTableName: string): string {
  return `${originalClosureTableName}_closure`;
}
