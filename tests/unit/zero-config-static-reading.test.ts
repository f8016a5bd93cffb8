import { describe, expect, it } from 'vitest';
import { inferProjectConfig, type InferredConfig } from '../../src/zeroConfig/inferProjectConfig.js';
import type { ProjectFileReader } from '../../src/zeroConfig/projectFiles.js';

/** An in-memory project: root-relative paths to text; directories are implied by the paths. */
function memoryProject(files: Record<string, string>, unreadable: readonly string[] = []): ProjectFileReader {
  return {
    readText: (path) => (unreadable.includes(path) ? undefined : files[path]),
    listDirectory: (directory) => {
      const prefix = directory === '' ? '' : `${directory}/`;
      const entries = new Map<string, boolean>();
      for (const path of Object.keys(files)) {
        if (!path.startsWith(prefix)) continue;
        const [name, ...rest] = path.slice(prefix.length).split('/');
        if (name !== undefined) entries.set(name, (entries.get(name) ?? false) || rest.length > 0);
      }
      return [...entries].map(([name, isDirectory]) => ({ name, isDirectory }));
    },
  };
}

const TYPEORM_PACKAGE = JSON.stringify({ name: 'app', dependencies: { typeorm: '^0.3.20' } });

/** A TypeORM project whose data source is `dataSource` (at `file`), plus other files. */
function typeormProject(file: string, dataSource: string, others: Record<string, string> = {}): InferredConfig {
  return inferProjectConfig(memoryProject({ 'package.json': TYPEORM_PACKAGE, [file]: dataSource, ...others }));
}

function modelsOf(file: string, entities: string, header = "import path from 'node:path';\nimport { DataSource } from 'typeorm';\n", others: Record<string, string> = {}): {
  models: readonly string[];
  notes: readonly string[];
} {
  const result = typeormProject(file, `${header}export default new DataSource({ type: 'postgres', entities: ${entities} });\n`, others);
  return { models: result.models, notes: result.notes.filter((note) => !note.startsWith('TypeORM options at')) };
}

describe('path expressions in configs', () => {
  it('reads __dirname concatenations and templates relative to the config file', () => {
    expect(modelsOf('src/config/data-source.ts', "[__dirname + '/../entities/*.ts', `${__dirname}/extra/**/*.entity.{ts,js}`]")).toEqual({
      models: ['src/entities/*.ts', 'src/config/extra/**/*.entity.{ts,js}'],
      notes: [],
    });
  });

  it('reads path.join, path.resolve and process.cwd()', () => {
    expect(
      modelsOf('src/db/data-source.ts', "[path.join(__dirname, '..', 'models', '*.ts'), path.resolve('lib', 'models', '*.ts'), process.cwd() + '/shared/*.entity.ts']"),
    ).toEqual({ models: ['src/models/*.ts', 'lib/models/*.ts', 'shared/*.entity.ts'], notes: [] });
  });

  it('reads named imports of path functions and ESM directory idioms', () => {
    const header = [
      "import { dirname, join } from 'node:path';",
      "import { fileURLToPath } from 'node:url';",
      "import { DataSource } from 'typeorm';",
      'const here = dirname(fileURLToPath(import.meta.url));',
      '',
    ].join('\n');
    expect(
      modelsOf('src/data-source.ts', "[join(here, 'a', '*.ts'), `${import.meta.dirname}/b/*.ts`, fileURLToPath(new URL('./c/*.ts', import.meta.url))]", header),
    ).toEqual({ models: ['src/a/*.ts', 'src/b/*.ts', 'src/c/*.ts'], notes: [] });
  });

  it('honours a module-level const __dirname over the CommonJS global', () => {
    const header = "import { DataSource } from 'typeorm';\nconst __dirname = '/somewhere/else';\n";
    expect(modelsOf('src/data-source.ts', "[__dirname + '/x/*.ts']", header)).toEqual({
      models: [],
      notes: [
        "src/data-source.ts:3: entities entry `__dirname + '/x/*.ts'` was not inferred: it is an absolute path outside the project, or one only known at run time.",
      ],
    });
  });

  it('follows path constants imported from another module, relative to that module', () => {
    const header = "import { DataSource } from 'typeorm';\nimport { ENTITY_GLOB } from './config/paths';\n";
    const others = { 'src/config/paths.ts': "import path from 'path';\nexport const ENTITY_GLOB = path.join(__dirname, '../entities/*.entity.ts');\n" };
    expect(modelsOf('src/data-source.ts', '[ENTITY_GLOB]', header, others)).toEqual({ models: ['src/entities/*.entity.ts'], notes: [] });
  });

  it('skips env-dependent, absolute and outside-the-root paths with a note naming file and line', () => {
    expect(
      modelsOf(
        'src/data-source.ts',
        "[\n  process.env.ENTITY_DIR + '/*.ts',\n  '/opt/app/entities/*.ts',\n  __dirname + '/../../shared/*.ts',\n  'src/ok/*.ts',\n]",
      ),
    ).toEqual({
      models: ['src/ok/*.ts'],
      notes: [
        "src/data-source.ts:4: entities entry `process.env.ENTITY_DIR + '/*.ts'` was not inferred: part of it is only known at run time.",
        "src/data-source.ts:5: entities entry `'/opt/app/entities/*.ts'` was not inferred: it is an absolute path outside the project, or one only known at run time.",
        "src/data-source.ts:6: entities entry `__dirname + '/../../shared/*.ts'` was not inferred: it points outside the project root.",
      ],
    });
  });

  it('takes both branches of an environment-dependent choice', () => {
    expect(modelsOf('src/data-source.ts', "process.env.NODE_ENV === 'production' ? ['dist/**/*.entity.js'] : ['src/**/*.entity.ts']")).toEqual({
      models: ['dist/**/*.entity.js', 'src/**/*.entity.ts'],
      notes: [
        'dist/**/*.entity.js (from src/data-source.ts) points at compiled output and tsconfig.json declares no outDir and rootDir to map it back: the TypeScript sources are not covered; set models/migrations to include them.',
      ],
    });
  });
});

describe('class references in entity lists', () => {
  const entity = (name: string): string => `import { Entity } from 'typeorm';\n@Entity()\nexport class ${name} {}\n`;

  it('resolves default imports, re-export chains, aliases and .js specifiers of .ts files', () => {
    const header = [
      "import { DataSource } from 'typeorm';",
      "import User from './entities/User';",
      "import { Post, Reply } from './entities/index.js';",
      '',
    ].join('\n');
    const others = {
      'src/entities/User.ts': "import { Entity } from 'typeorm';\n@Entity()\nexport default class User {}\n",
      'src/entities/index.ts': "export { default as User } from './User';\nexport * from './blog';\n",
      'src/entities/blog/index.ts': "export { Post } from './Post.js';\nexport { Comment as Reply } from './Comment';\n",
      'src/entities/blog/Post.ts': entity('Post'),
      'src/entities/blog/Comment.ts': entity('Comment'),
    };
    expect(modelsOf('src/data-source.ts', '[User, Post, Reply]', header, others)).toEqual({
      models: ['src/entities/User.ts', 'src/entities/blog/Post.ts', 'src/entities/blog/Comment.ts'],
      notes: [],
    });
  });

  it('reads an object of classes, an imported array and inline EntitySchemas', () => {
    const header = [
      "import { DataSource, EntitySchema } from 'typeorm';",
      "import { billingEntities } from './billing/entities';",
      "import { Tag } from './Tag';",
      'class Local {}',
      '',
    ].join('\n');
    const others = {
      'src/billing/entities.ts': "import { Invoice } from './Invoice';\nexport const billingEntities = [Invoice];\n",
      'src/billing/Invoice.ts': entity('Invoice'),
      'src/Tag.ts': entity('Tag'),
    };
    expect(modelsOf('src/data-source.ts', "{ Tag, Local, ...{ billing: billingEntities }, Audit: new EntitySchema({ name: 'audit', columns: {} }) }", header, others)).toEqual({
      models: ['src/Tag.ts', 'src/data-source.ts', 'src/billing/Invoice.ts'],
      notes: [],
    });
  });

  it('approximates a barrel namespace by its folder, and a plain module namespace by the module', () => {
    const header = [
      "import { DataSource } from 'typeorm';",
      "import * as shop from './shop';",
      "import * as audit from './audit-entities';",
      '',
    ].join('\n');
    const others = {
      'src/shop/index.ts': "export * from './Order';\n",
      'src/shop/Order.ts': entity('Order'),
      'src/audit-entities.ts': entity('AuditEntry'),
    };
    expect(modelsOf('src/data-source.ts', '[...Object.values(shop), audit]', header, others)).toEqual({
      models: ['src/shop/**/*.ts', 'src/audit-entities.ts'],
      notes: [],
    });
  });

  it('names classes that cannot be followed: package imports, missing files, missing exports, calls', () => {
    const header = [
      "import { DataSource } from 'typeorm';",
      "import { Shared } from '@acme/entities';",
      "import { Gone } from './gone';",
      "import { Missing } from './entities';",
      "import { loadEntities } from './load';",
      '',
    ].join('\n');
    const others = { 'src/entities.ts': entity('Present'), 'src/load.ts': 'export const loadEntities = () => [];\n' };
    expect(modelsOf('src/data-source.ts', '[\n  Shared,\n  Gone,\n  Missing,\n  ...loadEntities(),\n]', header, others)).toEqual({
      models: [],
      notes: [
        "src/data-source.ts:7: entities entry `Shared` was not inferred: 'Shared' is imported from '@acme/entities', which is not a relative path.",
        "src/data-source.ts:8: entities entry `Gone` was not inferred: './gone' (imported in src/data-source.ts) was not found.",
        "src/data-source.ts:9: entities entry `Missing` was not inferred: src/entities.ts does not export 'Missing' statically.",
        'src/data-source.ts:10: entities entry `loadEntities()` was not inferred: it is not a statically known path.',
      ],
    });
  });
});

describe('config objects across modules', () => {
  it('follows options spread from an imported base config, the last definition winning', () => {
    const result = typeormProject(
      'src/data-source.ts',
      [
        "import { DataSource } from 'typeorm';",
        "import { baseOptions } from './config/base';",
        '',
        "export const AppDataSource = new DataSource({ ...baseOptions, migrations: ['src/migrations/*.ts'] });",
        '',
      ].join('\n'),
      { 'src/config/base.ts': "export const baseOptions = { type: 'postgres' as const, entities: ['src/entity/*.ts'], migrations: ['old/*.ts'] };\n" },
    );
    expect(result).toEqual({
      orms: ['typeorm'],
      models: ['src/entity/*.ts'],
      migrations: ['src/migrations/*.ts'],
      sources: ['package.json', 'src/data-source.ts'],
      notes: ['TypeORM options at src/data-source.ts:4: entities src/entity/*.ts; migrations src/migrations/*.ts.'],
    });
  });

  it('reads options exported by name and by default when the file builds no DataSource, and says what a spread hides', () => {
    const result = typeormProject(
      'src/db/typeorm.config.ts',
      [
        "import type { DataSourceOptions } from 'typeorm';",
        "import { shared } from 'config-package';",
        '',
        "export const options: DataSourceOptions = { type: 'sqlite', database: ':memory:', entities: ['src/db/entities/*.ts'] };",
        "export default { ...shared, migrations: ['src/db/migrations/*.ts'] } as DataSourceOptions;",
        '',
      ].join('\n'),
    );
    expect(result).toEqual({
      orms: ['typeorm'],
      models: ['src/db/entities/*.ts'],
      migrations: ['src/db/migrations/*.ts'],
      sources: ['package.json', 'src/db/typeorm.config.ts'],
      notes: [
        'TypeORM options at src/db/typeorm.config.ts:4: entities src/db/entities/*.ts; migrations none.',
        'src/db/typeorm.config.ts:5: entities was not read: the spread `...shared` at src/db/typeorm.config.ts:5 is not readable statically.',
        'TypeORM options at src/db/typeorm.config.ts:5: entities none; migrations src/db/migrations/*.ts.',
      ],
    });
  });
});

describe('TypeORM sources', () => {
  it('maps compiled globs back to sources through a tsconfig chain, comments and "/*" inside strings included', () => {
    const result = typeormProject(
      'ormconfig.js',
      "module.exports = { type: 'postgres', entities: ['dist/**/*.entity.js'], migrations: ['dist/db/migrations/*.{js,cjs}'] };\n",
      {
        'tsconfig.json': '{\n  // the app\n  "extends": "./tsconfig.base.json",\n  "compilerOptions": { "paths": { "@/*": ["src/*"] }, },\n}\n',
        'tsconfig.base.json': '{ "compilerOptions": { /* emitted here */ "outDir": "./dist", "rootDir": "./src" } }\n',
      },
    );
    expect(result).toEqual({
      orms: ['typeorm'],
      models: ['dist/**/*.entity.js', 'src/**/*.entity.ts'],
      migrations: ['dist/db/migrations/*.{js,cjs}', 'src/db/migrations/*.{ts,cts}'],
      sources: ['package.json', 'ormconfig.js', 'tsconfig.json', 'tsconfig.base.json'],
      notes: ['TypeORM options at ormconfig.js:1: entities dist/**/*.entity.js, src/**/*.entity.ts; migrations dist/db/migrations/*.{js,cjs}, src/db/migrations/*.{ts,cts}.'],
    });
  });

  it('reads options shared by the data source and a Nest module once', () => {
    const result = typeormProject(
      'src/data-source.ts',
      [
        "import { DataSource, type DataSourceOptions } from 'typeorm';",
        "export const dataSourceOptions: DataSourceOptions = { type: 'postgres', entities: ['src/**/*.entity.ts'], migrations: ['src/migrations/*.ts'] };",
        'export default new DataSource(dataSourceOptions);',
        '',
      ].join('\n'),
      {
        'src/app.module.ts': [
          "import { Module } from '@nestjs/common';",
          "import { TypeOrmModule } from '@nestjs/typeorm';",
          "import { dataSourceOptions } from './data-source';",
          '@Module({ imports: [TypeOrmModule.forRoot(dataSourceOptions)] })',
          'export class AppModule {}',
          '',
        ].join('\n'),
      },
    );
    expect(result).toEqual({
      orms: ['typeorm'],
      models: ['src/**/*.entity.ts'],
      migrations: ['src/migrations/*.ts'],
      sources: ['package.json', 'src/data-source.ts', 'src/app.module.ts'],
      notes: ['TypeORM options at src/data-source.ts:2: entities src/**/*.entity.ts; migrations src/migrations/*.ts.'],
    });
  });
});

describe('MikroORM paths', () => {
  it('turns folders into their module files, relative to baseDir, with default migrations under it', () => {
    const result = inferProjectConfig(
      memoryProject({
        'package.json': JSON.stringify({ dependencies: { '@mikro-orm/postgresql': '^6.6.0' } }),
        'mikro-orm.config.js': [
          "const path = require('path');",
          'module.exports = {',
          "  baseDir: path.join(__dirname, 'server'),",
          "  entities: ['./build/entities', './build/views/*.js'],",
          "  entitiesTs: ['./src/entities'],",
          '};',
          '',
        ].join('\n'),
        'server/src/entities/Author.ts': 'export class Author {}\n',
        'server/migrations/Migration20240101.ts': 'export class Migration20240101 {}\n',
      }),
    );
    expect(result).toEqual({
      orms: ['mikro-orm'],
      models: ['server/build/entities/**/*.{js,ts,mjs,mts,cjs,cts}', 'server/build/views/*.js', 'server/src/entities/**/*.{js,ts,mjs,mts,cjs,cts}'],
      migrations: ['server/migrations/!(*.d).{js,ts,cjs}'],
      sources: ['package.json', 'mikro-orm.config.js'],
      notes: [
        'MikroORM options at mikro-orm.config.js:2: entities server/build/entities/**/*.{js,ts,mjs,mts,cjs,cts}, server/build/views/*.js, server/src/entities/**/*.{js,ts,mjs,mts,cjs,cts}; migrations server/migrations/!(*.d).{js,ts,cjs}.',
      ],
    });
  });
});

describe('knexfiles', () => {
  it('takes a knexfile found outside the root, not passed to the CLI, relative to the root', () => {
    const result = inferProjectConfig(
      memoryProject({
        'package.json': JSON.stringify({ dependencies: { knex: '^3.1.0' } }),
        'src/db/knexfile.js': "module.exports = { client: 'pg', migrations: { directory: 'src/db/migrations', loadExtensions: ['.js', '.mjs'] } };\n",
      }),
    );
    expect(result).toEqual({
      orms: ['knex'],
      models: [],
      migrations: ['src/db/migrations/*.{js,mjs}'],
      sources: ['package.json', 'src/db/knexfile.js'],
      notes: [
        'src/db/knexfile.js is not at the root nor passed with --knexfile: its relative paths are taken relative to the project root.',
        'Knex (src/db/knexfile.js): migrations src/db/migrations/*.{js,mjs}.',
      ],
    });
  });

  it('reports a custom migrationSource instead of guessing a folder', () => {
    const result = inferProjectConfig(
      memoryProject({
        'package.json': JSON.stringify({ dependencies: { knex: '^3.1.0' } }),
        'knexfile.ts': "import { source } from './source';\nexport default { client: 'pg', migrations: { migrationSource: source } };\n",
      }),
    );
    expect(result).toEqual({
      orms: ['knex'],
      models: [],
      migrations: [],
      sources: ['package.json', 'knexfile.ts'],
      notes: ['knexfile.ts:2: a custom migrationSource loads the migrations; they are not inferred.', 'Knex (knexfile.ts): migrations none.'],
    });
  });
});

describe('robustness', () => {
  it('names a config file that is listed but cannot be read, and does not throw', () => {
    const result = inferProjectConfig(
      memoryProject(
        { 'package.json': JSON.stringify({ dependencies: { knex: '^3.1.0' } }), 'knexfile.js': 'module.exports = {};' },
        ['knexfile.js'],
      ),
    );
    expect(result).toEqual({
      orms: ['knex'],
      models: [],
      migrations: [],
      sources: ['package.json', 'knexfile.js'],
      notes: ['knexfile.js was not read: its text could not be read.'],
    });
  });

  it('survives a reader that throws', () => {
    const throwing: ProjectFileReader = {
      readText: () => {
        throw new Error('EACCES');
      },
      listDirectory: () => {
        throw new Error('EACCES');
      },
    };
    expect(inferProjectConfig(throwing)).toEqual({
      orms: [],
      models: [],
      migrations: [],
      sources: [],
      notes: ['No package.json at the project root: ORMs are recognised by their config files only.', 'No supported ORM was found in package.json or by its config files.'],
    });
  });

  it('says why package.json was not read', () => {
    expect(inferProjectConfig(memoryProject({ 'package.json': '{ "dependencies": ' })).notes).toEqual([
      'package.json was not read: it is not valid JSON.',
      'No supported ORM was found in package.json or by its config files.',
    ]);
  });

  it('counts an ORM whose config file exists even when package.json does not list it (hoisted dependencies)', () => {
    const result = inferProjectConfig(
      memoryProject({
        'package.json': JSON.stringify({ name: 'workspace-app' }),
        'drizzle.config.json': JSON.stringify({ schema: './db/schema.ts', out: './db/migrations' }),
      }),
    );
    expect(result).toEqual({
      orms: ['drizzle'],
      models: ['db/schema.ts'],
      migrations: ['db/migrations/*.sql', 'db/migrations/*/migration.sql'],
      sources: ['package.json', 'drizzle.config.json'],
      notes: ['Drizzle (drizzle.config.json): schema db/schema.ts; migrations db/migrations/*.sql, db/migrations/*/migration.sql.'],
    });
  });
});
