/**
 * The source of a TypeORM migration class whose `up()` (and, when given, `down()`) runs the given
 * statements, one per line from line 5: rule tests assert report positions against it.
 */
export function typeormMigrationSource(className: string, up: readonly string[], down: readonly string[] = []): string {
  return [
    "import type { MigrationInterface, QueryRunner } from 'typeorm';",
    '',
    `export class ${className} implements MigrationInterface {`,
    '  public async up(queryRunner: QueryRunner): Promise<void> {',
    ...up.map((statement) => `    ${statement}`),
    '  }',
    ...(down.length === 0 ? [] : ['', '  public async down(queryRunner: QueryRunner): Promise<void> {', ...down.map((statement) => `    ${statement}`), '  }']),
    '}',
    '',
  ].join('\n');
}
