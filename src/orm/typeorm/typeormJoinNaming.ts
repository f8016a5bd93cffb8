import { typeormDefaultTableName } from './typeormNaming.js';

/**
 * TypeORM's `DefaultNamingStrategy.joinTableName(firstTableName, secondTableName,
 * firstPropertyName, secondPropertyName)`: `snakeCase(owner + '_' + propertyPath + '_' + target)`
 * with the dots of an embedded property path made underscores; the inverse property name is not
 * used. JunctionEntityMetadataBuilder passes the owner's and the target's `tableNameWithoutPrefix`
 * and the owning relation's `propertyPath`. Identical in 0.3 and 1.x (parity-tested against both).
 */
export function typeormJoinTableName(ownerTableName: string, targetTableName: string, ownerPropertyPath: string): string {
  return typeormDefaultTableName(`${ownerTableName}_${ownerPropertyPath.replace(/\./gu, '_')}_${targetTableName}`);
}

/**
 * The smallest `maxAliasLength` of TypeORM's drivers (Oracle 29; PostgreSQL, MySQL, Spanner 63;
 * SAP, SQL Server 128; the others none). EntityMetadata.build shortens a junction table name
 * longer than the driver's limit, which this plugin does not know.
 */
const SMALLEST_MAX_ALIAS_LENGTH = 29;

/**
 * TypeORM's `shorten(name, { separator: '_', segmentLength: 3 })` (util/StringUtils), as
 * EntityMetadata.build applies it to a junction table name longer than the driver's
 * `maxAliasLength`: each `_`-separated segment keeps its first 3 characters, or the first 2 of
 * each camel-case term when it has several. 1.x also splits a segment at `_x`, which cannot occur
 * inside a segment split at `_`: both versions agree (parity-tested).
 */
export function typeormShortenJunctionName(name: string): string {
  return name
    .split('_')
    .map((segment) => {
      const terms = segment.replace(/([a-z\xE0-\xFF])([A-Z\xC0-\xDF])/gu, '$1 $2').split(' ');
      const length = terms.length > 1 ? 2 : 3;
      return terms.map((term) => term.slice(0, length)).join('');
    })
    .join('_');
}

/**
 * The names a junction table (`tableNameWithoutPrefix`) can have in the database: the name, and
 * its shortened form when some driver's `maxAliasLength` is below its length.
 */
export function typeormJunctionTableNames(name: string): string[] {
  if (name.length <= SMALLEST_MAX_ALIAS_LENGTH) return [name];
  const shortened = typeormShortenJunctionName(name);
  return shortened === name ? [name] : [name, shortened];
}
