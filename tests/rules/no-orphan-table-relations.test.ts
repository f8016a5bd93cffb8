import rule from '../../rules/no-orphan-table.js';
import { typeormMigrationSource } from '../support/typeormMigrationSource.js';
import { RuleTester, fixtureFile, fixturePath, fixtureSettings } from '../support/ruleTester.js';

const ruleTester = new RuleTester();

// ---------------------------------------------------------------------------------------------
// TypeORM: junction tables of @ManyToMany + @JoinTable (default name, given name, string target).

const TYPEORM = 'relations-typeorm';
const typeormSettings = fixtureSettings(TYPEORM);
const TYPEORM_NEW = fixturePath(TYPEORM, 'src/migrations/1700000000200-AddLikes.ts');

function typeormMigration(...statements: string[]): string {
  return typeormMigrationSource('AddLikes1700000000200', statements);
}

ruleTester.run('no-orphan-table (TypeORM junction tables)', rule, {
  valid: [
    {
      name: 'the default junction table ("post_tags_tag") and a given one ("post_categories") are mapped by their relations',
      ...fixtureFile(TYPEORM, 'src/migrations/1700000000000-CreateBlog.ts'),
      settings: typeormSettings,
    },
    {
      name: "a junction table created with the builder API, named after a string target, in the owner's schema",
      ...fixtureFile(TYPEORM, 'src/migrations/1700000000100-CreateUsersAndRoles.ts'),
      settings: typeormSettings,
    },
  ],
  invalid: [
    {
      name: 'a genuinely unmapped table next to a junction table is still reported',
      filename: TYPEORM_NEW,
      code: typeormMigration(
        'await queryRunner.query(`CREATE TABLE "post_likes" ("postId" integer NOT NULL, "userId" uuid NOT NULL)`);',
        'await queryRunner.query(`DROP TABLE "post_tags_tag"`);',
        'await queryRunner.query(`CREATE TABLE "post_tags_tag" ("postId" integer NOT NULL, "tagId" integer NOT NULL)`);',
      ),
      settings: typeormSettings,
      errors: [
        {
          messageId: 'orphanTable',
          data: { table: 'post_likes', migrations: '3 migration files replayed', models: 'src/models/**/*.ts', blindSpots: '' },
          line: 5,
          column: 5,
          endLine: 5,
          endColumn: 110,
        },
      ],
    },
    {
      name: 'a junction table under a name TypeORM does not give it ("post_tags") is an orphan',
      filename: TYPEORM_NEW,
      code: typeormMigration('await queryRunner.createTable(new Table({ name: \'post_tags\' }));'),
      settings: typeormSettings,
      errors: [
        {
          messageId: 'orphanTable',
          data: { table: 'post_tags', migrations: '3 migration files replayed', models: 'src/models/**/*.ts', blindSpots: '' },
          line: 5,
          column: 5,
          endLine: 5,
          endColumn: 69,
        },
      ],
    },
    {
      name: "the junction table in another schema than the owner's is an orphan",
      filename: TYPEORM_NEW,
      code: typeormMigration('await queryRunner.query(`CREATE TABLE "users_roles_roles" ("usersId" uuid NOT NULL, "rolesId" integer NOT NULL)`);'),
      settings: typeormSettings,
      errors: [
        {
          messageId: 'orphanTable',
          data: { table: 'users_roles_roles', migrations: '3 migration files replayed', models: 'src/models/**/*.ts', blindSpots: '' },
          line: 5,
          column: 5,
          endLine: 5,
          endColumn: 119,
        },
      ],
    },
  ],
});

// ---------------------------------------------------------------------------------------------
// MikroORM: pivot tables of owning @ManyToMany properties (default name, given pivotTable).

const MIKRO_ORM = 'relations-mikro-orm';
const mikroOrmSettings = fixtureSettings(MIKRO_ORM, { orm: 'mikro-orm', models: ['src/entities/**/*.ts'], migrations: ['src/migrations/*.ts'] });
const MIKRO_ORM_NEW = fixturePath(MIKRO_ORM, 'src/migrations/Migration20240401000000.ts');

function mikroOrmMigration(...statements: string[]): string {
  return [
    "import { Migration } from '@mikro-orm/migrations';",
    '',
    'export class Migration20240401000000 extends Migration {',
    '  override async up(): Promise<void> {',
    ...statements.map((statement) => `    ${statement}`),
    '  }',
    '}',
    '',
  ].join('\n');
}

ruleTester.run('no-orphan-table (MikroORM pivot tables)', rule, {
  valid: [
    {
      name: 'the default pivot table ("book_tags") and a given one ("book_authorships") are mapped by their relations',
      ...fixtureFile(MIKRO_ORM, 'src/migrations/Migration20240301000000.ts'),
      settings: mikroOrmSettings,
    },
  ],
  invalid: [
    {
      name: 'a genuinely unmapped table is still reported; the inverse side names no pivot table ("book_tag_books")',
      filename: MIKRO_ORM_NEW,
      code: mikroOrmMigration(
        'this.addSql(`create table "book_tag_books" ("book_tag_id" int not null, "book_id" int not null);`);',
        'this.addSql(`create table "reading_lists" ("id" serial primary key);`);',
      ),
      settings: mikroOrmSettings,
      errors: [
        {
          messageId: 'orphanTable',
          data: { table: 'book_tag_books', migrations: '2 migration files replayed', models: 'src/entities/**/*.ts', blindSpots: '' },
          line: 5,
          column: 5,
          endLine: 5,
          endColumn: 104,
        },
        {
          messageId: 'orphanTable',
          data: { table: 'reading_lists', migrations: '2 migration files replayed', models: 'src/entities/**/*.ts', blindSpots: '' },
          line: 6,
          column: 5,
          endLine: 6,
          endColumn: 76,
        },
      ],
    },
  ],
});

// ---------------------------------------------------------------------------------------------
// Objection: `join.through` tables of ManyToManyRelation mappings.

const OBJECTION = 'relations-objection';
const MIGRATIONS = 'migrations/*.{js,ts}';
const objectionSettings = fixtureSettings(OBJECTION, { orm: 'objection', models: ['src/models/**/*.js'], migrations: [MIGRATIONS] });
const OBJECTION_NEW = fixturePath(OBJECTION, 'migrations/20240201120000_add_reviews.js');

ruleTester.run('no-orphan-table (Objection through tables)', rule, {
  valid: [
    {
      name: 'the through tables ("persons_movies", "catalog.movie_awards") are mapped by the relations naming them',
      ...fixtureFile(OBJECTION, 'migrations/20240101120000_create_movies.js'),
      settings: objectionSettings,
    },
  ],
  invalid: [
    {
      name: 'a genuinely unmapped table is still reported, and a through table only counts in its own schema',
      filename: OBJECTION_NEW,
      code: [
        'exports.up = async function (knex) {',
        "  await knex.schema.createTable('movie_reviews', (table) => {",
        "    table.increments('id');",
        '  });',
        "  await knex.schema.createTable('movie_awards', (table) => {",
        "    table.integer('movie_id');",
        '  });',
        '};',
        '',
        'exports.down = async function () {};',
        '',
      ].join('\n'),
      settings: objectionSettings,
      errors: [
        {
          messageId: 'orphanTable',
          data: { table: 'movie_reviews', migrations: '2 migration files replayed', models: 'src/models/**/*.js', blindSpots: '' },
          line: 2,
          column: 3,
          endLine: 2,
          endColumn: 62,
        },
        {
          messageId: 'orphanTable',
          data: { table: 'movie_awards', migrations: '2 migration files replayed', models: 'src/models/**/*.js', blindSpots: '' },
          line: 5,
          column: 3,
          endLine: 5,
          endColumn: 61,
        },
      ],
    },
  ],
});

// ---------------------------------------------------------------------------------------------
// A join table whose name is not static: never guessed, and the report owns up to it.

const UNREAD = 'relations-unread';

ruleTester.run('no-orphan-table (join table names that cannot be read)', rule, {
  valid: [],
  invalid: [
    {
      name: 'an unmapped table is still reported, and the message says one relation could not be compared',
      ...fixtureFile(UNREAD, 'src/migrations/1700000000000-CreateBlog.ts'),
      settings: fixtureSettings(UNREAD),
      errors: [
        {
          messageId: 'orphanTable',
          data: {
            table: 'post_labels',
            migrations: '1 migration file replayed',
            models: 'src/models/**/*.ts',
            blindSpots: ' (1 relation there has a join table name that cannot be read statically; not compared.)',
          },
          line: 7,
          column: 5,
          endLine: 7,
          endColumn: 89,
        },
      ],
    },
  ],
});

// ---------------------------------------------------------------------------------------------
// A model file that does not parse: its entities are unknown, and the report says which file.

const UNPARSABLE = 'orphan-unparsable-model';

ruleTester.run('no-orphan-table (a model file that cannot be parsed)', rule, {
  valid: [],
  invalid: [
    {
      name: 'the table of an unparsable model looks unmapped; the message names the file and its syntax error',
      ...fixtureFile(UNPARSABLE, 'src/migrations/1700000000000-CreateBilling.ts'),
      settings: fixtureSettings(UNPARSABLE),
      errors: [
        {
          messageId: 'orphanTable',
          data: {
            table: 'invoices',
            migrations: '1 migration file replayed',
            models: 'src/models/**/*.ts',
            blindSpots: " (model file src/models/Invoice.ts could not be parsed (line 10:9: ',' expected.), so its entities are unknown; not compared.)",
          },
          line: 6,
          column: 5,
          endLine: 6,
          endColumn: 95,
        },
      ],
    },
  ],
});
