/**
 * MikroORM's `UnderscoreNamingStrategy.classToTableName(entityName)`, the default naming strategy
 * of every SQL driver: an underscore between a lower-case and an upper-case ASCII letter, then
 * everything lower-cased. Acronyms are not split (`HTTPRequest` -> `httprequest`) and digits are
 * no boundary (`OAuth2Token` -> `oauth2token`). Identical in 6.x and 7.x (parity-tested against
 * the installed @mikro-orm/core).
 */
export function mikroOrmDefaultTableName(entityName: string): string {
  // The `u` flag changes nothing here: both classes are plain ASCII ranges, as in MikroORM.
  return entityName.replace(/([a-z])([A-Z])/gu, '$1_$2').toLowerCase();
}

/**
 * MikroORM's `UnderscoreNamingStrategy.joinTableName(sourceEntity, targetEntity, propertyName)`:
 * `classToTableName(sourceEntity) + '_' + classToTableName(propertyName)`; the target is not used.
 * MetadataDiscovery.initManyToManyFields passes the owner's table name (`meta.tableName`, the
 * collection without its schema) as `sourceEntity`. Parity-tested against the installed
 * @mikro-orm/core.
 */
export function mikroOrmDefaultPivotTableName(ownerTableName: string, propertyName: string): string {
  return `${mikroOrmDefaultTableName(ownerTableName)}_${mikroOrmDefaultTableName(propertyName)}`;
}
