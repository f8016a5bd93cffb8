import { createRequire } from 'node:module';
import { parse } from '@typescript-eslint/typescript-estree';
import { Model, Sequelize, type ModelStatic, type Options } from 'sequelize';
import { describe, expect, it } from 'vitest';
import { createDetectionContext } from '../../src/entities/detectEntities.js';
import { DEFAULT_NAMING } from '../../src/entities/detectionContext.js';
import { detectSequelizeModels } from '../../src/orm/sequelize/detectSequelizeModels.js';
import { sequelizeDefaultTableName, sequelizePluralize, type SequelizeNamingFlags } from '../../src/orm/sequelize/sequelizeNaming.js';

const require = createRequire(import.meta.url);

interface SequelizeUtils {
  pluralize(word: string): string;
  underscoredIf(word: string, condition: boolean): string;
}
// Sequelize's own helpers, the ones Model.init calls (they use the inflection 1.x it depends on).
const Utils = require('sequelize/lib/utils') as SequelizeUtils;

/** A real Sequelize 6 instance: the empty dialect module stands in for `pg`, no connection is made. */
function instance(define: Options['define'] = {}): Sequelize {
  return new Sequelize({ dialect: 'postgres', dialectModule: {}, logging: false, define });
}

const MODEL_NAMES = [
  'User', 'Person', 'Child', 'Category', 'Status', 'Address', 'Datum', 'Data', 'Sheep', 'Ox', 'Mouse', 'Index',
  'Matrix', 'Analysis', 'Vertex', 'Quiz', 'Bus', 'Octopus', 'Virus', 'Alias', 'Campus', 'Bonus', 'Leaf', 'Wife',
  'Knife', 'Half', 'Hero', 'Potato', 'Photo', 'Tooth', 'Foot', 'Goose', 'Man', 'Woman', 'Human', 'Movie', 'Shoe',
  'Axis', 'Crisis', 'Box', 'Church', 'Query', 'Day', 'Equipment', 'Information', 'News', 'Series', 'Species',
  'Criterion', 'Medium', 'Focus', 'Deer', 'Fish', 'People', 'Users', 'UserProfile', 'userProfile', 'user_profile',
  'OrderLineItem', 'SalesPerson', 'GrandChild', 'APIKey', 'HTTPRequestLog', 'OAuth2Token', 'S3Bucket', 'IPv4Address',
  'MFADevice', 'SMS', 'FAQ', 'Report2024', 'Version2', 'V2Report', 'item', 'order_item', 'Database', 'Drive',
  'Curve', 'Passerby', 'Moose', 'Schema', 'Process', 'Glass', 'Wish', 'Toy', 'Money', 'Rice',
];

const FLAG_COMBINATIONS: readonly SequelizeNamingFlags[] = [
  { freezeTableName: false, underscored: false },
  { freezeTableName: false, underscored: true },
  { freezeTableName: true, underscored: false },
  { freezeTableName: true, underscored: true },
];

const describeFlags = (flags: SequelizeNamingFlags): string => `freezeTableName: ${flags.freezeTableName}, underscored: ${flags.underscored}`;

/** A model class whose own name (`this.name`) is `name`, as `class Name extends Model {}` gives. */
function namedModelClass(name: string): ModelStatic<Model> {
  const classes: Record<string, ModelStatic<Model>> = { [name]: class extends Model {} };
  const model = classes[name];
  if (model === undefined) throw new Error('unreachable');
  return model;
}

/** The table the detector derives for `class <name> extends Model {}; <name>.init({}, options)`. */
function detectedTable(name: string, flags: SequelizeNamingFlags, global: SequelizeNamingFlags): string | undefined {
  const code = `import { Model } from 'sequelize';\nclass ${name} extends Model {}\n${name}.init({}, { sequelize, freezeTableName: ${flags.freezeTableName}, underscored: ${flags.underscored} });\n`;
  const program = parse(code, { loc: true, range: true });
  const [entity] = detectSequelizeModels(createDetectionContext(program, { markers: [], naming: { ...DEFAULT_NAMING, sequelize: global } }));
  return entity?.tableName.resolved === true ? entity.tableName.table.name : undefined;
}

describe("sequelizeDefaultTableName equals Sequelize 6's Model.init table names", () => {
  it('covers at least 50 model names: irregular plurals, camelCase, acronyms and digits', () => {
    expect(MODEL_NAMES.length).toBeGreaterThanOrEqual(50);
    expect(new Set(MODEL_NAMES).size).toBe(MODEL_NAMES.length);
    expect(MODEL_NAMES.filter((name) => /\d/u.test(name)).length).toBeGreaterThanOrEqual(5);
    expect(MODEL_NAMES.filter((name) => /[A-Z]{2}/u.test(name)).length).toBeGreaterThanOrEqual(5);
  });

  it("pluralises like Sequelize's Utils.pluralize (Focus included, where inflection 3 differs)", () => {
    expect(MODEL_NAMES.map((name) => [name, sequelizePluralize(name)])).toEqual(MODEL_NAMES.map((name) => [name, Utils.pluralize(name)]));
    expect(sequelizePluralize('Focus')).toBe('Focus');
  });

  it('matches Utils.underscoredIf(Utils.pluralize(name), underscored), the formula in Model.init', () => {
    const ours = MODEL_NAMES.map((name) => [name, sequelizeDefaultTableName(name, { freezeTableName: false, underscored: true })]);
    expect(ours).toEqual(MODEL_NAMES.map((name) => [name, Utils.underscoredIf(Utils.pluralize(name), true)]));
  });

  for (const flags of FLAG_COMBINATIONS) {
    it(`matches Model.init with per-model options (${describeFlags(flags)})`, () => {
      const sequelize = instance();
      const theirs = MODEL_NAMES.map((name) => {
        const model = namedModelClass(name);
        model.init({}, { sequelize, ...flags });
        return [name, model.getTableName()];
      });
      expect(MODEL_NAMES.map((name) => [name, sequelizeDefaultTableName(name, flags)])).toEqual(theirs);
    });

    it(`matches sequelize.define with the global define options (${describeFlags(flags)})`, () => {
      const sequelize = instance(flags);
      const theirs = MODEL_NAMES.map((name) => [name, sequelize.define(name, {}).getTableName()]);
      expect(MODEL_NAMES.map((name) => [name, sequelizeDefaultTableName(name, flags)])).toEqual(theirs);
    });
  }

  it('lets per-model options win over the global define options, as the detector does', () => {
    const global: SequelizeNamingFlags = { freezeTableName: true, underscored: true };
    const sequelize = instance(global);
    for (const flags of FLAG_COMBINATIONS) {
      const theirs = MODEL_NAMES.map((name) => {
        const model = namedModelClass(name);
        model.init({}, { sequelize, ...flags });
        return [name, model.getTableName()];
      });
      expect(MODEL_NAMES.map((name) => [name, detectedTable(name, flags, global)])).toEqual(theirs);
    }
  });

  it('uses the modelName option over the class name, and tableName over both', () => {
    const sequelize = instance({ underscored: true });
    const renamed = namedModelClass('Widget');
    renamed.init({}, { sequelize, modelName: 'GrandChild' });
    const explicit = namedModelClass('Gadget');
    explicit.init({}, { sequelize, modelName: 'GrandChild', tableName: 'gadgets_v2' });
    expect([renamed.getTableName(), explicit.getTableName()]).toEqual([
      sequelizeDefaultTableName('GrandChild', { freezeTableName: false, underscored: true }),
      'gadgets_v2',
    ]);
  });
});
