import entityHasMigration from '../../rules/entity-has-migration.js';
import entityLocation from '../../rules/entity-location.js';
import { RuleTester, fixtureFile, fixturePath, fixtureSettings } from '../support/ruleTester.js';

const ruleTester = new RuleTester();
const PROJECT = 'objection-basic';
const MODELS = 'src/models/**/*.{js,ts}';
const MIGRATIONS = 'migrations/*.{js,ts}';
const settings = fixtureSettings(PROJECT, { models: [MODELS], migrations: [MIGRATIONS] });
const READ = `read 3 migration files matching ${MIGRATIONS}`;
const DROP_AND_RENAME = 'migrations/20240301100000_drop_pets_rename_reviews.js';

const modelFile = (name: string): string => fixturePath(PROJECT, `src/models/${name}`);

function commonJsModel(className: string, tableName: string): string {
  return `const { Model } = require('objection');\n\nclass ${className} extends Model {\n  static get tableName() {\n    return '${tableName}';\n  }\n}\n\nmodule.exports = ${className};\n`;
}

ruleTester.run('entity-has-migration (objection + knex)', entityHasMigration, {
  valid: [
    { name: 'a CommonJS model with a static tableName getter', ...fixtureFile(PROJECT, 'src/models/Person.js'), settings },
    { name: 'a TypeScript model with a static tableName property', ...fixtureFile(PROJECT, 'src/models/Animal.ts'), settings },
    { name: 'module.exports = class, tableName from a constant', ...fixtureFile(PROJECT, 'src/models/Movie.js'), settings },
    { name: 'a schema-qualified tableName created with withSchema', ...fixtureFile(PROJECT, 'src/models/Invoice.ts'), settings },
    { name: 'a base model without tableName is not an entity', ...fixtureFile(PROJECT, 'src/models/BaseModel.js'), settings },
    { name: 'a table renamed into place by a later migration', filename: modelFile('MovieReview.js'), code: commonJsModel('MovieReview', 'movie_reviews'), settings },
    {
      name: 'a subclass sharing its base table is not checked on its own',
      filename: modelFile('Dog.ts'),
      code: "import { Model } from 'objection';\n\nclass Animal extends Model {\n  static tableName = 'animals';\n}\n\nexport class Dog extends Animal {}\n",
      settings,
    },
    {
      name: 'a Model class imported from a project module is not read as Objection',
      filename: modelFile('Widget.js'),
      code: "const { Model } = require('./db');\n\nclass Widget extends Model {\n  static tableName = 'widgets';\n}\n",
      settings,
    },
  ],
  invalid: [
    {
      name: 'a table that no migration creates',
      filename: modelFile('Toy.js'),
      code: commonJsModel('Toy', 'toys'),
      settings,
      errors: [
        {
          messageId: 'tableNeverCreated',
          data: { entity: 'Toy', relation: 'maps to table', table: 'toys', migrations: READ, nearMiss: '', blindSpots: '' },
          line: 5,
          column: 12,
          endLine: 5,
          endColumn: 18,
        },
      ],
    },
    {
      name: 'a table dropped by a later Knex migration',
      ...fixtureFile(PROJECT, 'src/legacy/Pet.js'),
      settings,
      errors: [
        {
          messageId: 'tableDropped',
          data: { entity: 'Pet', relation: 'maps to table', table: 'pets', site: `${DROP_AND_RENAME}:7`, migrations: READ, blindSpots: '' },
          line: 5,
          column: 17,
          endLine: 5,
          endColumn: 23,
        },
      ],
    },
    {
      name: 'a table renamed away by a later Knex migration',
      filename: modelFile('Review.ts'),
      code: "import { Model } from 'objection';\n\nexport default class Review extends Model {\n  static tableName = 'reviews';\n}\n",
      settings,
      errors: [
        {
          messageId: 'tableRenamed',
          data: {
            entity: 'Review',
            relation: 'maps to table',
            table: 'reviews',
            site: `${DROP_AND_RENAME}:9`,
            newName: 'movie_reviews',
            migrations: READ,
            blindSpots: '',
          },
          line: 4,
          column: 22,
          endLine: 4,
          endColumn: 31,
        },
      ],
    },
    {
      name: 'a tableName without its schema',
      filename: modelFile('Invoice.ts'),
      code: "import { Model } from 'objection';\n\nexport class Invoice extends Model {\n  static tableName = 'invoices';\n}\n",
      settings,
      errors: [
        {
          messageId: 'tableNeverCreated',
          data: {
            entity: 'Invoice',
            relation: 'maps to table',
            table: 'invoices',
            migrations: READ,
            nearMiss: " A table 'billing.invoices' exists in schema 'billing' (created at migrations/20240115090000_create_movies.ts:14): does the entity name the right schema?",
            blindSpots: '',
          },
          line: 4,
          column: 22,
          endLine: 4,
          endColumn: 32,
        },
      ],
    },
    {
      name: 'reportUnresolved reports subclasses of a base that derives tableName from the class name',
      filename: modelFile('Tag.ts'),
      code: "import { Model } from 'objection';\n\nclass BaseModel extends Model {\n  static get tableName() {\n    return `${this.name.toLowerCase()}s`;\n  }\n}\n\nexport class Tag extends BaseModel {}\n",
      options: [{ ignoreTables: [], reportUnresolved: true }],
      settings,
      errors: [
        {
          messageId: 'unresolvedTableName',
          data: { entity: 'Tag', reason: 'its tableName is computed per class by a base class' },
          line: 9,
          column: 14,
          endLine: 9,
          endColumn: 17,
        },
      ],
    },
  ],
});

ruleTester.run('entity-location (objection)', entityLocation, {
  valid: [
    { name: 'a model inside the models location', ...fixtureFile(PROJECT, 'src/models/Person.js'), settings },
    {
      name: 'a Knex migration is not a model',
      ...fixtureFile(PROJECT, 'migrations/20240101120000_create_people.js'),
      settings,
    },
  ],
  invalid: [
    {
      name: 'a model declared outside the models location',
      ...fixtureFile(PROJECT, 'src/legacy/Pet.js'),
      settings,
      errors: [
        {
          messageId: 'entityOutsideModels',
          data: { entity: 'Pet', file: 'src/legacy/Pet.js', models: MODELS, destination: MODELS },
          line: 4,
          column: 7,
          endLine: 4,
          endColumn: 10,
        },
      ],
    },
  ],
});
