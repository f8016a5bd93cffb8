import { describe, expect, it } from 'vitest';
import { readSequelizeDefineDefaults, readSequelizeSetup } from '../../src/orm/sequelize/readSequelizeDefine.js';
import { parseCode as program } from '../support/parseFixture.js';

describe('readSequelizeSetup', () => {
  it('reads define from new Sequelize(uri, options), (options) and (database, username, password, options)', () => {
    const uri = "import { Sequelize } from 'sequelize';\nexport const sequelize = new Sequelize(process.env.DATABASE_URL, { define: { underscored: true } });\n";
    const single = "const { Sequelize } = require('sequelize');\nmodule.exports = new Sequelize({ dialect: 'postgres', define: { freezeTableName: true, underscored: false } });\n";
    const four = "const Sequelize = require('sequelize');\nconst db = new Sequelize('app', 'root', null, { dialect: 'mysql', define: { freezeTableName: 1 } });\n";
    expect([readSequelizeSetup(program(uri)), readSequelizeSetup(program(single)), readSequelizeSetup(program(four))]).toEqual([
      { kind: 'defaults', defaults: { underscored: true }, line: 2 },
      { kind: 'defaults', defaults: { freezeTableName: true, underscored: false }, line: 2 },
      { kind: 'defaults', defaults: { freezeTableName: true }, line: 2 },
    ]);
  });

  it('follows consts, spreads of consts, and constructions inside functions (sequelize-typescript too)', () => {
    const code = [
      "import { Sequelize } from 'sequelize-typescript';",
      'const define = { underscored: true };',
      "const common = { dialect: 'postgres', define };",
      'export function connect(url: string) {',
      '  const options = { ...common, logging: false };',
      '  return new Sequelize(url, options);',
      '}',
    ].join('\n');
    expect(readSequelizeSetup(program(code))).toEqual({ kind: 'defaults', defaults: { underscored: true }, line: 6 });
  });

  it('gives empty defaults when there is no define option or only a connection string', () => {
    const code = "import Sequelize from 'sequelize';\nexport default new Sequelize('sqlite::memory:');\nexport const other = new Sequelize('sqlite::memory:', { logging: false });\n";
    expect(readSequelizeSetup(program(code))).toEqual({ kind: 'defaults', defaults: {}, line: 2 });
  });

  it('is unreadable when options come from elsewhere, a flag is computed, or constructions disagree', () => {
    const config = "const { Sequelize } = require('sequelize');\nconst config = require('../config/config.json')[env];\nconst s = new Sequelize(config.database, config.username, config.password, config);\n";
    const computed = "import { Sequelize } from 'sequelize';\nnew Sequelize(url, { define: { underscored: process.env.SNAKE === '1' } });\n";
    const disagree = "import { Sequelize } from 'sequelize';\nnew Sequelize(a, { define: { underscored: true } });\nnew Sequelize(b, {});\n";
    const spread = "import { Sequelize } from 'sequelize';\nnew Sequelize(url, { define: { ...sharedDefine } });\n";
    const reads = [config, computed, disagree, spread].map((code) => readSequelizeSetup(program(code)));
    expect(reads).toEqual([
      { kind: 'unreadable', reason: 'new Sequelize(...) at line 3: its options are not a literal object in this file', line: 3 },
      { kind: 'unreadable', reason: 'new Sequelize(...) at line 2: its define.underscored is computed at runtime', line: 2 },
      { kind: 'unreadable', reason: 'new Sequelize(...) at lines 2 and 3 have different define options', line: 3 },
      { kind: 'unreadable', reason: 'new Sequelize(...) at line 2: its define options are spread from another object', line: 2 },
    ]);
  });

  it('finds nothing in modules that construct no Sequelize from the sequelize packages', () => {
    expect(readSequelizeSetup(program("import { Sequelize } from './fake';\nnew Sequelize(url, { define: { underscored: true } });\n"))).toEqual({ kind: 'none' });
    expect(readSequelizeSetup(program("import { Model } from 'sequelize';\nexport class User extends Model {}\n"))).toEqual({ kind: 'none' });
  });
});

describe('readSequelizeDefineDefaults', () => {
  it('returns the defaults, or undefined when none can be read', () => {
    const readable = "import { Sequelize } from 'sequelize';\nnew Sequelize(url, { define: { freezeTableName: true } });\n";
    const unreadable = "import { Sequelize } from 'sequelize';\nnew Sequelize(url, options);\n";
    expect([readSequelizeDefineDefaults(program(readable)), readSequelizeDefineDefaults(program(unreadable))]).toEqual([{ freezeTableName: true }, undefined]);
  });
});
