/**
 * TypeORM's `DefaultNamingStrategy.tableName(className)`: `snakeCase` from typeorm's StringUtils,
 * identical in 0.3 and 1.x (parity-tested against both).
 */
export function typeormDefaultTableName(className: string): string {
  return (
    className
      // ABc -> a_bc
      .replace(/([A-Z])([A-Z])([a-z])/gu, '$1_$2$3')
      // aC -> a_c
      .replace(/([a-z0-9])([A-Z])/gu, '$1_$2')
      .toLowerCase()
  );
}
