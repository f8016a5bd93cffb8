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
