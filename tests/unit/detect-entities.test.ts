import { describe, expect, it } from 'vitest';
import { DEFAULT_DETECTION_INPUTS, detectEntities } from '../../src/entities/detectEntities.js';
import { DEFAULT_NAMING } from '../../src/entities/detectionContext.js';
import { parseCode as program } from '../support/parseFixture.js';

describe('detectEntities', () => {
  it("applies TypeORM's entityPrefix to every TypeORM table, closure tables included", () => {
    const code = [
      "import { Entity, Tree } from 'typeorm';",
      "@Entity('users') export class User {}",
      "@Entity() @Tree('closure-table') export class Category {}",
    ].join('\n');
    const entities = detectEntities(program(code), { ...DEFAULT_DETECTION_INPUTS, naming: { ...DEFAULT_NAMING, typeorm: { entityPrefix: 'app_' } } });
    expect(entities.map((entity) => [entity.tableName.resolved && entity.tableName.table.name, entity.extraTables?.map((extra) => extra.table.name)])).toEqual([
      ['app_users', undefined],
      ['app_category', ['app_category_closure']],
    ]);
  });

  it('does not prefix other ORMs', () => {
    const code = "import { pgTable } from 'drizzle-orm/pg-core';\nexport const users = pgTable('users', {});\n";
    const [entity] = detectEntities(program(code), { ...DEFAULT_DETECTION_INPUTS, naming: { ...DEFAULT_NAMING, typeorm: { entityPrefix: 'app_' } } });
    expect(entity?.tableName).toEqual({ resolved: true, table: { name: 'users', schema: undefined, quoted: true }, source: 'explicit' });
  });

  it('uses a marker only for the ORM it names, so one declaration is detected once', () => {
    const code = "import { AuditedEntity } from '@acme/db';\nimport { BaseEntity } from '@mikro-orm/core';\n@AuditedEntity({ tableName: 'audits' })\nexport class Audit extends BaseEntity {}\n";
    const markers = [{ package: '@acme/db', name: 'AuditedEntity', kind: 'entity' as const, orm: 'mikro-orm' as const }];
    const entities = detectEntities(program(code), { ...DEFAULT_DETECTION_INPUTS, markers });
    expect(entities.map((entity) => [entity.orm, entity.name, entity.tableName.resolved && entity.tableName.table.name])).toEqual([['mikro-orm', 'Audit', 'audits']]);
  });

  it('finds nothing in a module without imports', () => {
    expect(detectEntities(program("@Entity('users') export class User {}"))).toEqual([]);
  });
});
