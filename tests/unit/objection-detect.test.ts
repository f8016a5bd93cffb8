import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { detectEntities } from '../../src/entities/detectEntities.js';
import type { EntityDeclaration } from '../../src/entities/entityDeclaration.js';
import {
  detectObjectionModels,
  INHERITED_TABLE_REASON,
  PER_CLASS_TABLE_NAME_REASON,
  RUNTIME_TABLE_NAME_REASON,
} from '../../src/orm/objection/detectObjectionModels.js';
import { detectIn, parseCode, table, tableSummaries } from '../support/parseFixture.js';
import { fixturePath } from '../support/ruleTester.js';

const detect = (source: string): EntityDeclaration[] => detectIn(detectObjectionModels, source);
const summary = (source: string) => tableSummaries(detect(source));

const ESM = "import { Model } from 'objection';\n";
const CJS = "const { Model } = require('objection');\n";

describe('detectObjectionModels: tableName forms', () => {
  it.each([
    ['a static property', "static tableName = 'persons';"],
    ['a static property with a type and override', "static override tableName: string = 'persons';"],
    ['a static getter', "static get tableName() {\n    return 'persons';\n  }"],
    ['a static method', "static tableName() {\n    return 'persons';\n  }"],
    ['a module constant member', 'static tableName = TABLES.persons;'],
  ])('%s', (_name, member) => {
    const source = `${ESM}const TABLES = { persons: 'persons' } as const;\nexport class Person extends Model {\n  ${member}\n}\n`;
    expect(summary(source)).toEqual([{ name: 'Person', kind: 'table', table: table('persons') }]);
  });

  it('reports the class name and the tableName value positions', () => {
    const [entity] = detect(`${ESM}export default class Person extends Model {\n  static tableName = 'persons';\n}\n`);
    expect(entity).toEqual({
      orm: 'objection',
      kind: 'table',
      name: 'Person',
      tableName: { resolved: true, table: table('persons'), source: 'explicit' },
      loc: { start: { line: 2, column: 21 }, end: { line: 2, column: 27 } },
      tableNameLoc: { start: { line: 3, column: 21 }, end: { line: 3, column: 30 } },
    });
  });

  it('splits a dotted tableName into schema and table, as knex does', () => {
    expect(summary(`${ESM}export class Invoice extends Model {\n  static tableName = 'billing.invoices';\n}\n`)).toEqual([
      { name: 'Invoice', kind: 'table', table: table('invoices', 'billing') },
    ]);
  });

  it('reads a Person.tableName assignment after the class', () => {
    expect(summary(`${CJS}class Pet extends Model {}\nPet.tableName = 'pets';\nmodule.exports = Pet;\n`)).toEqual([
      { name: 'Pet', kind: 'table', table: table('pets') },
    ]);
  });

  it('reports tableNames that cannot be read statically as unresolved, at the member', () => {
    const source = `${ESM}export class A extends Model {\n  static tableName = process.env.TABLE;\n}\nexport class B extends Model {\n  static get tableName() {\n    const t = 'b';\n    return t;\n  }\n}\n`;
    const entities = detect(source);
    expect(entities.map((entity) => [entity.name, entity.tableName, entity.tableNameLoc.start])).toEqual([
      ['A', { resolved: false, reason: RUNTIME_TABLE_NAME_REASON }, { line: 3, column: 21 }],
      ['B', { resolved: false, reason: RUNTIME_TABLE_NAME_REASON }, { line: 6, column: 13 }],
    ]);
  });

  it('does not treat a class without tableName, or with only a declared type, as an entity', () => {
    expect(summary(`${ESM}export class BaseModel extends Model {\n  static tableName: string;\n  $beforeInsert() {}\n}\n`)).toEqual([]);
  });
});

describe('detectObjectionModels: how Model is reached', () => {
  it.each([
    ['a named import', ESM, 'Model'],
    ['a renamed import', "import { Model as ObjectionModel } from 'objection';\n", 'ObjectionModel'],
    ['a namespace import', "import * as objection from 'objection';\n", 'objection.Model'],
    ['a destructured require', CJS, 'Model'],
    ['a require of the package', "const objection = require('objection');\n", 'objection.Model'],
    ['a require member, next to another require', "const path = require('path');\nconst Model = require('objection').Model;\n", 'Model'],
    ['a mixin call', `${ESM}import { timestamps } from './plugins';\n`, 'timestamps(Model)'],
    ['a composed mixin', `${ESM}import { compose } from 'objection';\nimport a from 'a';\nimport b from 'b';\n`, 'compose(a, b)(Model)'],
  ])('%s', (_name, imports, superClass) => {
    expect(summary(`${imports}class Person extends ${superClass} {\n  static tableName = 'persons';\n}\n`)).toEqual([
      { name: 'Person', kind: 'table', table: table('persons') },
    ]);
  });

  it.each([
    ['a Model from another package', "import { Model } from './db';\n"],
    ['a global Model', ''],
    ['a base class from another project module', "import { BaseModel as Model } from './BaseModel';\nimport { raw } from 'objection';\n"],
  ])('ignores %s', (_name, imports) => {
    expect(summary(`${imports}class Person extends Model {\n  static tableName = 'persons';\n}\n`)).toEqual([]);
  });

  it('reads CommonJS class expressions, naming them by their binding', () => {
    const source = `${CJS}module.exports = class Movie extends Model {\n  static get tableName() { return 'movies'; }\n};\nexports.Actor = class extends Model {\n  static tableName = 'actors';\n};\nconst Review = class extends Model {\n  static tableName = 'reviews';\n};\nmodule.exports.Review = Review;\nmodule.exports = class extends Model {\n  static tableName = 'anonymous';\n};\n`;
    expect(summary(source)).toEqual([
      { name: 'Movie', kind: 'table', table: table('movies') },
      { name: 'Actor', kind: 'table', table: table('actors') },
      { name: 'Review', kind: 'table', table: table('reviews') },
      { name: '(anonymous class)', kind: 'table', table: table('anonymous') },
    ]);
  });
});

describe('detectObjectionModels: same-module inheritance', () => {
  it('follows a base class without tableName to its subclasses', () => {
    const source = `${ESM}class BaseModel extends Model {\n  $beforeUpdate() {}\n}\nexport class Person extends BaseModel {\n  static tableName = 'persons';\n}\n`;
    expect(summary(source)).toEqual([{ name: 'Person', kind: 'table', table: table('persons') }]);
  });

  it('makes a subclass without tableName a child of its base table', () => {
    const source = `${ESM}export class Dog extends Animal {}\nexport class Animal extends Model {\n  static tableName = 'animals';\n}\n`;
    const entities = detect(source);
    expect(entities.map((entity) => [entity.name, entity.kind, entity.tableName])).toEqual([
      ['Dog', 'child', { resolved: false, reason: INHERITED_TABLE_REASON }],
      ['Animal', 'table', { resolved: true, table: table('animals'), source: 'explicit' }],
    ]);
  });

  it('treats a base that derives tableName from the class as abstract, and its subclasses as unresolved', () => {
    const source = `${ESM}class BaseModel extends Model {\n  static get tableName() {\n    return this.name.toLowerCase() + 's';\n  }\n}\nexport class Person extends BaseModel {}\nexport class Tag extends BaseModel {\n  static tableName = 'tags';\n}\n`;
    expect(summary(source)).toEqual([
      { name: 'Person', kind: 'table', table: { unresolved: PER_CLASS_TABLE_NAME_REASON } },
      { name: 'Tag', kind: 'table', table: table('tags') },
    ]);
  });

  it('survives inheritance cycles', () => {
    expect(summary(`${ESM}class A extends B { static tableName = 'a'; }\nclass B extends A { static tableName = 'b'; }\n`)).toEqual([]);
  });
});

describe('detectObjectionModels: the objection-basic fixture', () => {
  it.each([
    ['src/models/BaseModel.js', []],
    ['src/models/Person.js', [['Person', 'table', { resolved: true, table: table('persons'), source: 'explicit' }]]],
    ['src/models/Animal.ts', [['Animal', 'table', { resolved: true, table: table('animals'), source: 'explicit' }]]],
    ['src/models/Movie.js', [['Movie', 'table', { resolved: true, table: table('movies'), source: 'explicit' }]]],
    ['src/models/Invoice.ts', [['Invoice', 'table', { resolved: true, table: table('invoices', 'billing'), source: 'explicit' }]]],
    ['src/legacy/Pet.js', [['Pet', 'table', { resolved: true, table: table('pets'), source: 'explicit' }]]],
  ])('%s through detectEntities', (file, expected) => {
    const program = parseCode(readFileSync(fixturePath('objection-basic', file), 'utf8'));
    expect(detectEntities(program).map((entity) => [entity.name, entity.kind, entity.tableName])).toEqual(expected);
  });
});
