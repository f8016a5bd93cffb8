import { describe, expect, it } from 'vitest';
import { DEFAULT_NAMING } from '../../src/entities/detectionContext.js';
import { detectEntities } from '../../src/entities/detectEntities.js';
import type { EntityDeclaration } from '../../src/entities/entityDeclaration.js';
import { detectMikroOrmEntities } from '../../src/orm/mikro-orm/detectMikroOrmEntities.js';
import type { EntityMarker } from '../../src/settings/settingsShape.js';
import { detectIn, parseCode } from '../support/parseFixture.js';

function detect(code: string, markers: readonly EntityMarker[] = []): EntityDeclaration[] {
  return detectIn(detectMikroOrmEntities, code, { markers, naming: DEFAULT_NAMING });
}

/** What the rules use of one declaration: kind, name and table. */
function summary(entity: EntityDeclaration | undefined): unknown {
  if (entity === undefined) return undefined;
  return { kind: entity.kind, name: entity.name, tableName: entity.tableName };
}

function table(name: string, schema?: string, source: 'explicit' | 'naming-strategy' = 'explicit') {
  return { resolved: true, table: { name, schema, quoted: true }, source };
}

function position(entity: EntityDeclaration | undefined, key: 'loc' | 'tableNameLoc'): [number, number, number, number] | undefined {
  const loc = entity?.[key];
  return loc === undefined ? undefined : [loc.start.line, loc.start.column, loc.end.line, loc.end.column];
}

const CORE = "import { Entity, PrimaryKey } from '@mikro-orm/core';\n";

describe('detectMikroOrmEntities: decorated classes', () => {
  it('derives the table from the class name with the underscore naming strategy', () => {
    const [entity] = detect(`${CORE}@Entity()\nexport class HTTPRequestLog {\n  @PrimaryKey() id!: number;\n}\n`);
    expect(summary(entity)).toEqual({ kind: 'table', name: 'HTTPRequestLog', tableName: table('httprequest_log', undefined, 'naming-strategy') });
    expect(entity?.orm).toBe('mikro-orm');
    expect(position(entity, 'loc')).toEqual([3, 13, 3, 27]);
    expect(position(entity, 'tableNameLoc')).toEqual([3, 13, 3, 27]);
  });

  it('reads tableName and schema, and reports the table at the tableName value', () => {
    const [entity] = detect(`${CORE}@Entity({ tableName: 'invoices', schema: 'billing' })\nexport class Invoice {}\n`);
    expect(summary(entity)).toEqual({ kind: 'table', name: 'Invoice', tableName: table('invoices', 'billing') });
    expect(position(entity, 'tableNameLoc')).toEqual([2, 21, 2, 31]);
    expect(position(entity, 'loc')).toEqual([3, 13, 3, 20]);
  });

  it('treats collection as an alias of tableName, the later key winning', () => {
    expect(summary(detect(`${CORE}@Entity({ collection: 'people' })\nclass Person {}\n`)[0])).toEqual({
      kind: 'table',
      name: 'Person',
      tableName: table('people'),
    });
    expect(summary(detect(`${CORE}@Entity({ collection: 'a', tableName: 'b' })\nclass Person {}\n`)[0])).toEqual({
      kind: 'table',
      name: 'Person',
      tableName: table('b'),
    });
  });

  it('splits a dotted table name into schema and table unless a schema is given', () => {
    expect(summary(detect(`${CORE}@Entity({ tableName: 'billing.invoice' })\nclass Invoice {}\n`)[0])).toEqual({
      kind: 'table',
      name: 'Invoice',
      tableName: table('invoice', 'billing'),
    });
    expect(summary(detect(`${CORE}@Entity({ tableName: 'a.b', schema: 'app' })\nclass Invoice {}\n`)[0])).toEqual({
      kind: 'table',
      name: 'Invoice',
      tableName: table('a.b', 'app'),
    });
  });

  it("normalises the 'public' schema to the default schema", () => {
    expect(summary(detect(`${CORE}@Entity({ schema: 'public' })\nclass BookTag {}\n`)[0])).toEqual({
      kind: 'table',
      name: 'BookTag',
      tableName: table('book_tag', undefined, 'naming-strategy'),
    });
  });

  it('reads table names from same-file constants', () => {
    const code = `${CORE}const TABLES = { user: 'app_user' } as const;\nconst OPTIONS = { tableName: TABLES.user };\n@Entity(OPTIONS)\nexport class User {}\n`;
    expect(summary(detect(code)[0])).toEqual({ kind: 'table', name: 'User', tableName: table('app_user') });
  });

  it.each([
    ['@mikro-orm/postgresql'],
    ['@mikro-orm/mysql'],
    ['@mikro-orm/mariadb'],
    ['@mikro-orm/sqlite'],
    ['@mikro-orm/better-sqlite'],
    ['@mikro-orm/libsql'],
    ['@mikro-orm/mssql'],
    ['@mikro-orm/decorators/legacy'],
    ['@mikro-orm/decorators/es'],
  ])('recognises @Entity imported from %s', (source) => {
    const [entity] = detect(`import { Entity } from '${source}';\n@Entity()\nexport class UserProfile {}\n`);
    expect(summary(entity)).toEqual({ kind: 'table', name: 'UserProfile', tableName: table('user_profile', undefined, 'naming-strategy') });
  });

  it('recognises a namespace import and a renamed import', () => {
    const namespaced = detect("import * as orm from '@mikro-orm/core';\n@orm.Entity({ tableName: 'users' })\nclass User {}\n");
    const renamed = detect("import { Entity as MikroEntity } from '@mikro-orm/core';\n@MikroEntity({ tableName: 'users' })\nclass User {}\n");
    expect(summary(namespaced[0])).toEqual({ kind: 'table', name: 'User', tableName: table('users') });
    expect(summary(renamed[0])).toEqual({ kind: 'table', name: 'User', tableName: table('users') });
  });

  it('ignores an Entity decorator from another package, and modules without MikroORM', () => {
    expect(detect("import { Entity } from 'typeorm';\nimport { Property } from '@mikro-orm/core';\n@Entity()\nclass User {}\n")).toEqual([]);
    expect(detect('@Entity()\nclass User {}\n')).toEqual([]);
  });

  it('skips mapped superclasses: abstract: true, or an abstract class', () => {
    expect(detect(`${CORE}@Entity({ abstract: true })\nexport class Base {}\n`)).toEqual([]);
    expect(detect(`${CORE}@Entity()\nexport abstract class Base {}\n`)).toEqual([]);
  });

  it('keeps an abstract single-table root and an abstract table-per-type root: both have a table', () => {
    const sti = detect(`${CORE}@Entity({ abstract: true, discriminatorColumn: 'type' })\nexport abstract class BasePerson {}\n`);
    const tpt = detect(`${CORE}@Entity({ inheritance: 'tpt' })\nexport abstract class Animal {}\n`);
    expect(summary(sti[0])).toEqual({ kind: 'table', name: 'BasePerson', tableName: table('base_person', undefined, 'naming-strategy') });
    expect(summary(tpt[0])).toEqual({ kind: 'table', name: 'Animal', tableName: table('animal', undefined, 'naming-strategy') });
  });

  it('makes view entities views, and virtual entities views without a table', () => {
    const [view] = detect(`${CORE}@Entity({ tableName: 'author_stats', view: true, expression: 'select 1' })\nclass AuthorStats {}\n`);
    const [virtual] = detect(`${CORE}@Entity({ expression: 'select name from author' })\nclass AuthorName {}\n`);
    expect(summary(view)).toEqual({ kind: 'view', name: 'AuthorStats', tableName: table('author_stats') });
    expect(summary(virtual)).toEqual({
      kind: 'view',
      name: 'AuthorName',
      tableName: { resolved: false, reason: 'it is a virtual entity: no database object backs it' },
    });
  });

  it('does not guess names that cannot be read', () => {
    const code = `${CORE}import { options, schemaName } from './config';\n@Entity(options)\nclass A {}\n@Entity({ tableName: process.env.T })\nclass B {}\n@Entity({ schema: schemaName })\nclass C {}\n@Entity({ schema: '*' })\nclass D {}\n@Entity({ ...options })\nclass E {}\n`;
    expect(detect(code).map((entity) => [entity.name, entity.kind, entity.tableName])).toEqual([
      ['A', 'table', { resolved: false, reason: 'its options are not a literal object in this file' }],
      ['B', 'table', { resolved: false, reason: 'its table name is computed at runtime' }],
      ['C', 'table', { resolved: false, reason: 'its schema is computed at runtime' }],
      ['D', 'table', { resolved: false, reason: "its schema is chosen at runtime (schema: '*')" }],
      ['E', 'table', { resolved: false, reason: 'its options are spread from another object' }],
    ]);
  });

  it('leaves MongoDB collections unchecked', () => {
    const [entity] = detect("import { Entity } from '@mikro-orm/mongodb';\n@Entity()\nexport class Book {}\n");
    expect(summary(entity)).toEqual({ kind: 'table', name: 'Book', tableName: { resolved: false, reason: 'MongoDB collections are not created by SQL migrations' } });
  });
});

describe('detectMikroOrmEntities: inheritance', () => {
  const CHILD = { resolved: false, reason: "it shares its single-table-inheritance root's table" };

  it('makes children of a same-file single-table root children, through mapped superclasses', () => {
    const code = `${CORE}@Entity({ discriminatorColumn: 'type', discriminatorMap: { person: 'Person', employee: 'Employee' } })
export class Person {}
abstract class Staff extends Person {}
@Entity()
export class Employee extends Staff {}
@Entity({ tableName: 'managers' })
export class Manager extends Employee {}
`;
    expect(detect(code).map(summary)).toEqual([
      { kind: 'table', name: 'Person', tableName: table('person', undefined, 'naming-strategy') },
      { kind: 'child', name: 'Employee', tableName: CHILD },
      { kind: 'child', name: 'Manager', tableName: CHILD },
    ]);
  });

  it('makes a class with a discriminatorValue extending an imported class a child', () => {
    const [entity] = detect(`${CORE}import { Person } from './Person';\n@Entity({ discriminatorValue: 'employee' })\nexport class Employee extends Person {}\n`);
    expect(summary(entity)).toEqual({ kind: 'child', name: 'Employee', tableName: CHILD });
  });

  it("keeps its own table for a class extending a base class (project's or MikroORM's) without a discriminator", () => {
    const code = `import { BaseEntity, Entity } from '@mikro-orm/core';\nimport { AppBase } from './AppBase';\n@Entity()\nexport class Book extends AppBase {}\n@Entity()\nexport class Author extends BaseEntity {}\n`;
    expect(detect(code).map(summary)).toEqual([
      { kind: 'table', name: 'Book', tableName: table('book', undefined, 'naming-strategy') },
      { kind: 'table', name: 'Author', tableName: table('author', undefined, 'naming-strategy') },
    ]);
  });

  it('gives table-per-type children their own tables', () => {
    const code = `${CORE}@Entity({ inheritance: 'tpt' })\nexport abstract class Animal {}\n@Entity()\nexport class Dog extends Animal {}\n`;
    expect(detect(code).map(summary)).toEqual([
      { kind: 'table', name: 'Animal', tableName: table('animal', undefined, 'naming-strategy') },
      { kind: 'table', name: 'Dog', tableName: table('dog', undefined, 'naming-strategy') },
    ]);
  });
});

describe('detectMikroOrmEntities: EntitySchema and defineEntity', () => {
  it('reads new EntitySchema({ name, tableName }) and reports at the name', () => {
    const code = `import { EntitySchema } from '@mikro-orm/core';
export interface IBook { id: number }
export const Book = new EntitySchema<IBook>({
  name: 'Book',
  tableName: 'books',
  properties: { id: { type: 'number', primary: true } },
});
`;
    const [entity] = detect(code);
    expect(summary(entity)).toEqual({ kind: 'table', name: 'Book', tableName: table('books') });
    expect(position(entity, 'loc')).toEqual([4, 8, 4, 14]);
    expect(position(entity, 'tableNameLoc')).toEqual([5, 13, 5, 20]);
  });

  it('names the table after defineEntity({ name }) with the naming strategy', () => {
    const code = `import { defineEntity, p } from '@mikro-orm/postgresql';
export const AuthorProfile = defineEntity({
  name: 'AuthorProfile',
  properties: { id: p.integer().primary() },
});
`;
    const [entity] = detect(code);
    expect(summary(entity)).toEqual({ kind: 'table', name: 'AuthorProfile', tableName: table('author_profile', undefined, 'naming-strategy') });
    expect(position(entity, 'loc')).toEqual([3, 8, 3, 23]);
  });

  it('takes the name from the class option, and reads collection and schema', () => {
    const code = `import { EntitySchema } from '@mikro-orm/core';
export class Tag {}
export default new EntitySchema({ class: Tag, collection: 'tags', schema: 'content' });
`;
    expect(summary(detect(code)[0])).toEqual({ kind: 'table', name: 'Tag', tableName: table('tags', 'content') });
  });

  it('skips abstract schemas and embeddables, and finds single-table children by extends', () => {
    const code = `import { EntitySchema, defineEntity } from '@mikro-orm/core';
export const Base = new EntitySchema({ name: 'Base', abstract: true, properties: {} });
export const Address = new EntitySchema({ name: 'Address', embeddable: true, properties: {} });
export const Person = defineEntity({ name: 'Person', discriminatorColumn: 'type', properties: {} });
export const Employee = defineEntity({ name: 'Employee', extends: Person, properties: {} });
export const Manager = new EntitySchema({ name: 'Manager', extends: 'Employee', properties: {} });
`;
    expect(detect(code).map(summary)).toEqual([
      { kind: 'table', name: 'Person', tableName: table('person', undefined, 'naming-strategy') },
      { kind: 'child', name: 'Employee', tableName: { resolved: false, reason: "it shares its single-table-inheritance root's table" } },
      { kind: 'child', name: 'Manager', tableName: { resolved: false, reason: "it shares its single-table-inheritance root's table" } },
    ]);
  });

  it('does not guess a schema whose name or options cannot be read', () => {
    const code = `import { EntitySchema } from '@mikro-orm/core';
import { options } from './options';
export const A = new EntitySchema(options);
export const B = new EntitySchema({ name: process.env.NAME, properties: {} });
`;
    expect(detect(code).map(summary)).toEqual([
      { kind: 'table', name: '(EntitySchema)', tableName: { resolved: false, reason: 'its options are not a literal object in this file' } },
      { kind: 'table', name: '(EntitySchema)', tableName: { resolved: false, reason: 'its entity name cannot be read statically' } },
    ]);
  });

  it('ignores an EntitySchema from another package and schemas built inside functions', () => {
    const code = `import { EntitySchema } from 'typeorm';
import { defineEntity } from '@mikro-orm/core';
export const User = new EntitySchema({ name: 'users', columns: {} });
export function make() { return defineEntity({ name: 'Dynamic', properties: {} }); }
`;
    expect(detect(code)).toEqual([]);
  });
});

describe('detectMikroOrmEntities: markers and registration', () => {
  const marker: EntityMarker = { package: '@acme/orm', name: 'AuditedEntity', kind: 'entity', orm: 'mikro-orm' };

  it('reads a configured marker in a MikroORM module, with a positional table name', () => {
    const code = `import { AuditedEntity } from '@acme/orm';\nimport { Property } from '@mikro-orm/core';\n@AuditedEntity('audit_log')\nexport class AuditLog {}\n@AuditedEntity({ tableName: 'audits' })\nexport class Audit {}\n`;
    expect(detect(code, [marker]).map(summary)).toEqual([
      { kind: 'table', name: 'AuditLog', tableName: table('audit_log') },
      { kind: 'table', name: 'Audit', tableName: table('audits') },
    ]);
  });

  it('leaves markers in modules without MikroORM to other ORMs', () => {
    expect(detect("import { AuditedEntity } from '@acme/orm';\n@AuditedEntity('audit_log')\nexport class AuditLog {}\n", [marker])).toEqual([]);
  });

  it('is registered with detectEntities', () => {
    const program = parseCode(`${CORE}@Entity()\nexport class User {}\n`);
    expect(detectEntities(program).map(summary)).toEqual([{ kind: 'table', name: 'User', tableName: table('user', undefined, 'naming-strategy') }]);
  });
});
