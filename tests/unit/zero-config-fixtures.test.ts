import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { inferProjectConfig, type InferredConfig } from '../../src/zeroConfig/inferProjectConfig.js';
import { createFsProjectFileReader } from '../../src/zeroConfig/projectFiles.js';
import { copyFixtureToTemp } from '../support/tempProject.js';

const FIXTURES = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'fixtures');

function infer(fixture: string): InferredConfig {
  return inferProjectConfig(createFsProjectFileReader(path.join(FIXTURES, fixture)));
}

describe('TypeORM', () => {
  it('reads new DataSource(...) with classes, a barrel, a namespace, a const glob and path.join', () => {
    expect(infer('zero-config-typeorm')).toEqual({
      orms: ['typeorm'],
      models: ['src/entity/User.ts', 'src/entity/Post.ts', 'src/billing/**/*.ts', 'src/legacy/**/*.entity.ts'],
      migrations: ['src/migrations/*.{ts,js}'],
      entityPrefix: 'app_',
      sources: ['package.json', 'src/data-source.ts'],
      notes: [
        'TypeORM options at src/data-source.ts:10: entities src/entity/User.ts, src/entity/Post.ts, src/billing/**/*.ts, src/legacy/**/*.entity.ts; migrations src/migrations/*.{ts,js}.',
      ],
    });
  });

  it('reads TypeOrmModule.forRootAsync in a Nest database module and maps dist/ back to src/ through tsconfig.json', () => {
    expect(infer('zero-config-typeorm-nest')).toEqual({
      orms: ['typeorm'],
      models: ['src/**/*.entity{.ts,.js}'],
      migrations: ['dist/migrations/*.js', 'src/migrations/*.ts'],
      sources: ['package.json', 'src/database/database.module.ts', 'tsconfig.json'],
      notes: [
        'src/database/database.module.ts:14: autoLoadEntities registers the entities of every TypeOrmModule.forFeature([...]); those are not inferred, set models to cover them.',
        'TypeORM options at src/database/database.module.ts:9: entities src/**/*.entity{.ts,.js}; migrations dist/migrations/*.js, src/migrations/*.ts.',
      ],
    });
  });

  it('reads every connection of ormconfig.json and says compiled globs leave sources uncovered without a tsconfig mapping', () => {
    expect(infer('zero-config-typeorm-ormconfig')).toEqual({
      orms: ['typeorm'],
      models: ['dist/entity/**/*.js', 'src/reporting/*.entity.ts'],
      migrations: ['dist/migration/*.js'],
      entityPrefix: 'shop_',
      sources: ['package.json', 'ormconfig.json'],
      notes: [
        'dist/entity/**/*.js (from ormconfig.json) points at compiled output and tsconfig.json declares no outDir and rootDir to map it back: the TypeScript sources are not covered; set models/migrations to include them.',
        'dist/migration/*.js (from ormconfig.json) points at compiled output and tsconfig.json declares no outDir and rootDir to map it back: the TypeScript sources are not covered; set models/migrations to include them.',
        'TypeORM options in ormconfig.json [0]: entities dist/entity/**/*.js; migrations dist/migration/*.js.',
        'ormconfig.json [1] entities: entries that are not strings were skipped.',
        'TypeORM options in ormconfig.json [1]: entities src/reporting/*.entity.ts; migrations none.',
      ],
    });
  });
});

describe('MikroORM', () => {
  it('reads the config named by package.json configPaths: entities, entitiesTs and migrations path/pathTs/glob', () => {
    expect(infer('zero-config-mikro-orm')).toEqual({
      orms: ['mikro-orm'],
      models: ['dist/modules/**/*.entity.js', 'src/modules/**/*.entity.ts'],
      migrations: ['dist/migrations/!(*.d).{js,ts}', 'src/migrations/!(*.d).{js,ts}'],
      sources: ['package.json', 'src/mikro-orm.config.ts'],
      notes: [
        'MikroORM options at src/mikro-orm.config.ts:4: entities dist/modules/**/*.entity.js, src/modules/**/*.entity.ts; migrations dist/migrations/!(*.d).{js,ts}, src/migrations/!(*.d).{js,ts}.',
      ],
    });
  });

  it('resolves entity classes and EntitySchemas, and applies MikroORM 6 migration defaults (src/ present, no ./migrations)', () => {
    expect(infer('zero-config-mikro-orm-defaults')).toEqual({
      orms: ['mikro-orm'],
      models: ['src/entities/Author.ts', 'src/entities/Book.ts', 'src/entities/Publisher.ts'],
      migrations: ['src/migrations/!(*.d).{js,ts,cjs}'],
      sources: ['package.json', 'mikro-orm.config.ts'],
      notes: [
        'MikroORM options at mikro-orm.config.ts:6: entities src/entities/Author.ts, src/entities/Book.ts, src/entities/Publisher.ts; migrations src/migrations/!(*.d).{js,ts,cjs}.',
      ],
    });
  });
});

describe('Sequelize', () => {
  it('reads .sequelizerc paths (path.resolve from the working directory and __dirname) and define from the models index', () => {
    expect(infer('zero-config-sequelize')).toEqual({
      orms: ['sequelize'],
      models: ['db/models/**/*.{js,ts,cjs,mjs,cts,mts}'],
      migrations: ['db/migrations/*.{js,cjs,ts,cts}'],
      sequelizeDefine: { freezeTableName: false, underscored: true },
      sources: ['package.json', '.sequelizerc', 'db/models/index.js'],
      notes: ['Sequelize (.sequelizerc): models db/models/**/*.{js,ts,cjs,mjs,cts,mts}; migrations db/migrations/*.{js,cjs,ts,cts}.'],
    });
  });

  it("uses sequelize-cli's defaults without .sequelizerc, and says when define cannot be read", () => {
    expect(infer('zero-config-sequelize-cli-defaults')).toEqual({
      orms: ['sequelize'],
      models: ['models/**/*.{js,ts,cjs,mjs,cts,mts}'],
      migrations: ['migrations/*.{js,cjs,ts,cts}'],
      sources: ['package.json'],
      notes: [
        'Sequelize (sequelize-cli defaults): models models/**/*.{js,ts,cjs,mjs,cts,mts}; migrations migrations/*.{js,cjs,ts,cts}.',
        'models/index.js:6: the define defaults of new Sequelize(...) were not inferred: its options are not a literal object in this file.',
      ],
    });
  });

  it('reads sequelize-typescript models folders and addModels classes', () => {
    expect(infer('zero-config-sequelize-typescript')).toEqual({
      orms: ['sequelize', 'sequelize-typescript'],
      models: ['src/models/*.{ts,js}', 'src/tags/Tag.ts'],
      migrations: [],
      sequelizeDefine: { underscored: true },
      sources: ['package.json', 'src/database.ts'],
      notes: ['sequelize-typescript models at src/database.ts:7: src/models/*.{ts,js}.', 'sequelize-typescript models at src/database.ts:11: src/tags/Tag.ts.'],
    });
  });
});

describe('Knex and Objection', () => {
  it('unions the migration folders of every environment, with defaults and loadExtensions', () => {
    expect(infer('zero-config-knex')).toEqual({
      orms: ['objection', 'knex'],
      models: [],
      migrations: ['db/migrations/*.{js,cjs,ts}', 'migrations/*.{js,cjs,ts}', 'db/migrations/*.js', 'db/hotfixes/*.js'],
      sources: ['package.json', 'knexfile.js'],
      notes: [
        'Knex (knexfile.js): migrations db/migrations/*.{js,cjs,ts}, migrations/*.{js,cjs,ts}, db/migrations/*.js, db/hotfixes/*.js.',
        'Objection models are plain classes with no configured location: models are not inferred for Objection.',
      ],
    });
  });

  it('finds the knexfile passed with --knexfile and resolves its paths from its own folder, as the CLI does', () => {
    expect(infer('zero-config-knex-script')).toEqual({
      orms: ['knex'],
      models: [],
      migrations: ['src/db/migrations/*.ts'],
      sources: ['package.json', 'src/db/knexfile.ts'],
      notes: ['Knex (src/db/knexfile.ts): migrations src/db/migrations/*.ts.'],
    });
  });
});

describe('Drizzle', () => {
  it('reads drizzle.config.ts and a --config from scripts: schema folder, files and globs; out folders', () => {
    expect(infer('zero-config-drizzle')).toEqual({
      orms: ['drizzle'],
      models: ['src/db/schema/*.{ts,js,mts,cts,mjs,cjs}', 'src/audit/events.ts', 'src/audit/**/*.table.ts'],
      migrations: ['drizzle/*.sql', 'drizzle/*/migration.sql', 'drizzle-audit/*.sql', 'drizzle-audit/*/migration.sql'],
      sources: ['package.json', 'drizzle.config.ts', 'drizzle.audit.config.ts'],
      notes: [
        'Drizzle (drizzle.config.ts:3): schema src/db/schema/*.{ts,js,mts,cts,mjs,cjs}; migrations drizzle/*.sql, drizzle/*/migration.sql.',
        'Drizzle (drizzle.audit.config.ts:5): schema src/audit/events.ts, src/audit/**/*.table.ts; migrations drizzle-audit/*.sql, drizzle-audit/*/migration.sql.',
      ],
    });
  });
});

describe('Prisma', () => {
  it('finds prisma/schema.prisma and its migrations folder; no models', () => {
    expect(infer('zero-config-prisma')).toEqual({
      orms: ['prisma'],
      models: [],
      migrations: ['prisma/migrations/*/migration.sql'],
      sources: ['package.json', 'prisma/schema.prisma'],
      notes: ['Prisma (prisma/schema.prisma): migrations prisma/migrations/*/migration.sql; Prisma models live in the schema, so no model files are inferred.'],
    });
  });

  it('reads prisma.config.ts: a schema folder and migrations.path', () => {
    expect(infer('zero-config-prisma-config')).toEqual({
      orms: ['prisma'],
      models: [],
      migrations: ['db/migrations/*/migration.sql'],
      sources: ['package.json', 'prisma.config.ts', 'db/schema'],
      notes: ['Prisma (db/schema): migrations db/migrations/*/migration.sql; Prisma models live in the schema, so no model files are inferred.'],
    });
  });
});

describe('never executes, never throws', () => {
  let cleanup: (() => void) | undefined;
  afterEach(() => cleanup?.());

  it('reads configs whose top level writes files and exits, without running any of it', () => {
    const project = copyFixtureToTemp('zero-config-side-effects');
    cleanup = project.remove;
    expect(inferProjectConfig(createFsProjectFileReader(project.root))).toEqual({
      orms: ['typeorm', 'knex'],
      models: ['src/entity/Account.ts'],
      migrations: ['db/migrations/*.ts', 'db/migrations/*.{js,cjs,ts}'],
      sources: ['package.json', 'src/data-source.ts', 'knexfile.js'],
      notes: [
        'TypeORM options at src/data-source.ts:9: entities src/entity/Account.ts; migrations db/migrations/*.ts.',
        'Knex (knexfile.js): migrations db/migrations/*.{js,cjs,ts}.',
      ],
    });
    // Each file would have written its marker (and exited the process) had it been loaded.
    for (const marker of ['KNEXFILE_WAS_EXECUTED', 'DATA_SOURCE_WAS_EXECUTED', 'ENTITY_WAS_EXECUTED']) {
      expect(existsSync(path.join(project.root, marker))).toBe(false);
    }
  });

  it('names each broken or dynamic config file and why, and infers nothing from it', () => {
    expect(infer('zero-config-broken')).toEqual({
      orms: ['typeorm', 'drizzle', 'knex'],
      models: [],
      migrations: [],
      sources: ['package.json', 'src/data-source.ts', 'drizzle.config.json', 'knexfile.js'],
      notes: [
        'src/data-source.ts was not read: it does not parse (line 4: Merge conflict marker encountered).',
        'drizzle.config.json was not read: it is not valid JSON.',
        'knexfile.js:3: `loadConfig(process.env.NODE_ENV).knex` was not read: it is not a constant, so its value is only known at run time.',
        'knexfile.js exports no readable knex config; its migrations are not inferred.',
      ],
    });
  });
});
