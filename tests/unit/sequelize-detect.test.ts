import { describe, expect, it } from 'vitest';
import { DEFAULT_NAMING, type NamingOptions } from '../../src/entities/detectionContext.js';
import { detectEntities } from '../../src/entities/detectEntities.js';
import type { EntityDeclaration } from '../../src/entities/entityDeclaration.js';
import { detectSequelizeModels } from '../../src/orm/sequelize/detectSequelizeModels.js';
import type { EntityMarker } from '../../src/settings/settingsShape.js';
import { detectIn, parseCode } from '../support/parseFixture.js';

function detect(code: string, naming: NamingOptions = DEFAULT_NAMING, markers: readonly EntityMarker[] = []): EntityDeclaration[] {
  return detectIn(detectSequelizeModels, code, { markers, naming });
}

function naming(freezeTableName: boolean, underscored: boolean): NamingOptions {
  return { ...DEFAULT_NAMING, sequelize: { freezeTableName, underscored } };
}

/** The entity with positions flattened to `line:column` (1-based column) for readable assertions. */
function summary(entity: EntityDeclaration) {
  const at = (loc: EntityDeclaration['loc']): string => `${loc.start.line}:${loc.start.column + 1}`;
  return { orm: entity.orm, kind: entity.kind, name: entity.name, tableName: entity.tableName, at: at(entity.loc), tableNameAt: at(entity.tableNameLoc) };
}

function detectSummary(code: string, options: NamingOptions = DEFAULT_NAMING, markers: readonly EntityMarker[] = []) {
  return detect(code, options, markers).map(summary);
}

function derived(name: string, schema?: string) {
  return { resolved: true, table: { name, schema, quoted: true }, source: 'naming-strategy' };
}

function explicit(name: string, schema?: string) {
  return { resolved: true, table: { name, schema, quoted: true }, source: 'explicit' };
}

function unresolved(reason: string) {
  return { resolved: false, reason };
}

describe('detectSequelizeModels: Model.init', () => {
  it('derives the pluralised model name, reported at the class name', () => {
    const code = [
      "import { Model, DataTypes } from 'sequelize';",
      "import { sequelize } from '../db';",
      'export class Person extends Model {}',
      'Person.init({ name: DataTypes.STRING }, { sequelize });',
    ].join('\n');
    expect(detectSummary(code)).toEqual([
      { orm: 'sequelize', kind: 'table', name: 'Person', tableName: derived('People'), at: '3:14', tableNameAt: '3:14' },
    ]);
  });

  it('uses tableName, schema and modelName options, reporting the table at the option that names it', () => {
    const code = [
      "const { Model, DataTypes } = require('sequelize');",
      'class Invoice extends Model {}',
      "Invoice.init({}, { sequelize, tableName: 'invoices', schema: 'billing' });",
      'class LineItem extends Model {}',
      "LineItem.init({}, { sequelize, modelName: 'OrderLine', underscored: true });",
    ].join('\n');
    expect(detectSummary(code)).toEqual([
      { orm: 'sequelize', kind: 'table', name: 'Invoice', tableName: explicit('invoices', 'billing'), at: '2:7', tableNameAt: '3:42' },
      { orm: 'sequelize', kind: 'table', name: 'LineItem', tableName: derived('order_lines'), at: '4:7', tableNameAt: '5:43' },
    ]);
  });

  it('applies freezeTableName and underscored, per-model options over the global define defaults', () => {
    const code = [
      "import { Model } from 'sequelize';",
      'class UserProfile extends Model {}',
      'UserProfile.init({}, { sequelize });',
      'class AuditLog extends Model {}',
      'AuditLog.init({}, { sequelize, freezeTableName: false, underscored: false });',
      'class Category extends Model {}',
      'Category.init({}, { sequelize, freezeTableName: true, underscored: true });',
    ].join('\n');
    const tables = (options: NamingOptions) => detect(code, options).map((entity) => entity.tableName);
    expect(tables(DEFAULT_NAMING)).toEqual([derived('UserProfiles'), derived('AuditLogs'), derived('Category')]);
    expect(tables(naming(false, true))).toEqual([derived('user_profiles'), derived('AuditLogs'), derived('Category')]);
    expect(tables(naming(true, false))).toEqual([derived('UserProfile'), derived('AuditLogs'), derived('Category')]);
  });

  it('follows init calls inside exported factories and static methods (sequelize-cli and sequelize-auto styles)', () => {
    const code = [
      "'use strict';",
      "const { Model } = require('sequelize');",
      'module.exports = (sequelize, DataTypes) => {',
      '  class Address extends Model {',
      '    static associate(models) {}',
      '  }',
      "  Address.init({ street: DataTypes.STRING }, { sequelize, modelName: 'Address' });",
      '  return Address;',
      '};',
      'class Status extends Model {',
      '  static initModel(sequelize) {',
      '    return this.init({}, { sequelize, underscored: true });',
      '  }',
      '}',
      'class Matrix extends Model {',
      '  static init(sequelize, DataTypes) {',
      "    return super.init({}, { sequelize, tableName: 'matrices_v2' });",
      '  }',
      '}',
      'Matrix.init(sequelize, DataTypes);',
    ].join('\n');
    expect(detectSummary(code)).toEqual([
      { orm: 'sequelize', kind: 'table', name: 'Address', tableName: derived('Addresses'), at: '4:9', tableNameAt: '7:70' },
      { orm: 'sequelize', kind: 'table', name: 'Status', tableName: derived('statuses'), at: '10:7', tableNameAt: '10:7' },
      { orm: 'sequelize', kind: 'table', name: 'Matrix', tableName: explicit('matrices_v2'), at: '15:7', tableNameAt: '17:51' },
    ]);
  });

  it('reads options from consts, local consts of the enclosing function and resolvable spreads', () => {
    const code = [
      "import { Model } from 'sequelize';",
      "const base = { underscored: true, schema: 'crm' };",
      'class Contact extends Model {}',
      'Contact.init({}, { ...base, sequelize });',
      'export function initDeal(sequelize) {',
      "  const tableName = 'deals';",
      '  class Deal extends Model {}',
      '  Deal.init({}, { sequelize, tableName });',
      '}',
    ].join('\n');
    expect(detect(code).map((entity) => entity.tableName)).toEqual([derived('contacts', 'crm'), explicit('deals')]);
  });

  it('leaves names it cannot read unresolved instead of guessing', () => {
    const code = [
      "import { Model } from 'sequelize';",
      'class A extends Model {}',
      'A.init({}, { sequelize, tableName: process.env.A_TABLE });',
      'class B extends Model {}',
      'B.init({}, { ...shared, sequelize });',
      'class C extends Model {}',
      'C.init({}, options);',
      'class D extends Model {}',
      'D.init({}, { sequelize, freezeTableName: isProd });',
      'class E extends Model {}',
      "E.init({}, { sequelize, tableName: 'e1' });",
      "E.init({}, { sequelize, tableName: 'e2' });",
    ].join('\n');
    expect(detectSummary(code)).toEqual([
      { orm: 'sequelize', kind: 'table', name: 'A', tableName: unresolved('its table name is computed at runtime'), at: '2:7', tableNameAt: '3:36' },
      { orm: 'sequelize', kind: 'table', name: 'B', tableName: unresolved('its options are spread from another object'), at: '4:7', tableNameAt: '4:7' },
      { orm: 'sequelize', kind: 'table', name: 'C', tableName: unresolved('its options are not a literal object in this file'), at: '6:7', tableNameAt: '6:7' },
      { orm: 'sequelize', kind: 'table', name: 'D', tableName: unresolved('its freezeTableName option is computed at runtime'), at: '8:7', tableNameAt: '9:42' },
      { orm: 'sequelize', kind: 'table', name: 'E', tableName: unresolved('it is initialised more than once with different options'), at: '10:7', tableNameAt: '10:7' },
    ]);
  });

  it('accepts a subclass of a project base model only when init receives a sequelize instance', () => {
    const code = [
      "import { DataTypes } from 'sequelize';",
      "import { BaseModel } from './base';",
      'class Order extends BaseModel {}',
      'Order.init({ total: DataTypes.INTEGER }, { sequelize });',
      'class Cache extends BaseModel {}',
      "Cache.init({ ttl: 10 }, { tableName: 'cache' });",
    ].join('\n');
    expect(detectSummary(code)).toEqual([
      { orm: 'sequelize', kind: 'table', name: 'Order', tableName: derived('Orders'), at: '3:7', tableNameAt: '3:7' },
    ]);
  });

  it('ignores classes without an init call here, models of other packages and modules without Sequelize', () => {
    expect(detect("import { Model } from 'sequelize';\nexport class Base extends Model {}\n")).toEqual([]);
    expect(detect("import { Model } from 'objection';\nclass User extends Model {}\nUser.init({}, { sequelize });\n")).toEqual([]);
    expect(detect("class User extends Model {}\nUser.init({}, { sequelize });\n")).toEqual([]);
  });

  it('handles an anonymous class expression assigned to a const, and namespace imports', () => {
    const code = [
      "const Sequelize = require('sequelize');",
      'const Mouse = class extends Sequelize.Model {};',
      'Mouse.init({}, { sequelize });',
    ].join('\n');
    expect(detectSummary(code)).toEqual([
      { orm: 'sequelize', kind: 'table', name: 'Mouse', tableName: derived('Mice'), at: '2:7', tableNameAt: '2:7' },
    ]);
  });
});

describe('detectSequelizeModels: sequelize.define', () => {
  it('reads the model name and options, reporting at the model name', () => {
    const code = [
      "import { Sequelize, DataTypes } from 'sequelize';",
      "const sequelize = new Sequelize('postgres://localhost/app');",
      "export const Child = sequelize.define('Child', { name: DataTypes.STRING });",
      "export const Sheep = sequelize.define('Sheep', {}, { underscored: true });",
      "export const Tag = sequelize.define('Tag', {}, { modelName: 'Ignored', freezeTableName: true });",
      "export const Ox = sequelize.define('Ox', {}, { tableName: 'oxen_herd', schema: 'farm' });",
    ].join('\n');
    expect(detectSummary(code)).toEqual([
      { orm: 'sequelize', kind: 'table', name: 'Child', tableName: derived('Children'), at: '3:39', tableNameAt: '3:39' },
      { orm: 'sequelize', kind: 'table', name: 'Sheep', tableName: derived('sheep'), at: '4:39', tableNameAt: '4:39' },
      { orm: 'sequelize', kind: 'table', name: 'Tag', tableName: derived('Tag'), at: '5:37', tableNameAt: '5:37' },
      { orm: 'sequelize', kind: 'table', name: 'Ox', tableName: explicit('oxen_herd', 'farm'), at: '6:36', tableNameAt: '6:59' },
    ]);
  });

  it('reads define inside a model factory that receives the instance', () => {
    const code = [
      "const { DataTypes } = require('sequelize');",
      'module.exports = (sequelize) => {',
      "  const Index = sequelize.define('Index', { term: DataTypes.STRING });",
      '  return Index;',
      '};',
    ].join('\n');
    expect(detect(code).map((entity) => [entity.name, entity.tableName])).toEqual([['Index', derived('Indices')]]);
  });

  it('skips generic factories and calls that are not model definitions', () => {
    const code = [
      "const Sequelize = require('sequelize');",
      'const define = (name, attributes) => db.define(name, attributes, { freezeTableName: true });',
      "customElements.define('x-widget', class extends HTMLElement {});",
      "registry.define('thing', () => 1);",
    ].join('\n');
    expect(detect(code)).toEqual([]);
  });

  it('reports a model name built at runtime as unresolved', () => {
    const code = "import { Sequelize } from 'sequelize';\nexport const Dyn = db.define(`${prefix}_items`, {});\n";
    expect(detectSummary(code)).toEqual([
      { orm: 'sequelize', kind: 'table', name: 'Dyn', tableName: unresolved('its model name is computed at runtime'), at: '2:30', tableNameAt: '2:30' },
    ]);
  });
});

describe('detectSequelizeModels: sequelize-typescript', () => {
  it('reads @Table and @Table(options) with the class name as the default model name', () => {
    const code = [
      "import { Table, Column, Model } from 'sequelize-typescript';",
      '@Table',
      'export class Analysis extends Model {}',
      '@Table({ underscored: true })',
      'export class ApiKey extends Model {}',
      "@Table({ modelName: 'Datum', freezeTableName: false })",
      'export class Measurement extends Model {}',
      "@Table({ tableName: 'people', schema: 'hr' })",
      'export class Person extends Model {}',
      '@Table',
      'export abstract class Base extends Model {}',
    ].join('\n');
    expect(detectSummary(code)).toEqual([
      { orm: 'sequelize-typescript', kind: 'table', name: 'Analysis', tableName: derived('Analyses'), at: '3:14', tableNameAt: '3:14' },
      { orm: 'sequelize-typescript', kind: 'table', name: 'ApiKey', tableName: derived('api_keys'), at: '5:14', tableNameAt: '5:14' },
      { orm: 'sequelize-typescript', kind: 'table', name: 'Measurement', tableName: derived('Data'), at: '7:14', tableNameAt: '6:21' },
      { orm: 'sequelize-typescript', kind: 'table', name: 'Person', tableName: explicit('people', 'hr'), at: '9:14', tableNameAt: '8:21' },
    ]);
  });

  it('applies the global define defaults and reads options from a const', () => {
    const code = [
      "import { Table, Model } from 'sequelize-typescript';",
      'const OPTIONS = { freezeTableName: true };',
      '@Table(OPTIONS)',
      'export class Quiz extends Model {}',
      '@Table',
      'export class UserRole extends Model {}',
    ].join('\n');
    expect(detect(code, naming(false, true)).map((entity) => entity.tableName)).toEqual([derived('Quiz'), derived('user_roles')]);
  });

  it('treats a configured marker as @Table only on a sequelize-typescript model', () => {
    const markers: EntityMarker[] = [{ package: '@acme/db', name: 'AuditedTable', kind: 'entity', orm: 'sequelize-typescript' }];
    const code = [
      "import { Model } from 'sequelize-typescript';",
      "import { AuditedTable } from '@acme/db';",
      '@AuditedTable',
      'export class Ledger extends Model {}',
      '@AuditedTable',
      'export class NotAModel {}',
    ].join('\n');
    expect(detectSummary(code, DEFAULT_NAMING, markers)).toEqual([
      { orm: 'sequelize-typescript', kind: 'table', name: 'Ledger', tableName: derived('Ledgers'), at: '4:14', tableNameAt: '4:14' },
    ]);
  });

  it('is registered in the detector list', () => {
    const program = parseCode("import { Table, Model } from 'sequelize-typescript';\n@Table\nexport class Vertex extends Model {}\n");
    expect(detectEntities(program).map((entity) => [entity.orm, entity.name, entity.tableName])).toEqual([
      ['sequelize-typescript', 'Vertex', derived('Vertices')],
    ]);
  });
});
