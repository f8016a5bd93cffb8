import { describe, expect, it } from 'vitest';
import { readRegistrations, type RegistrationConfig } from '../../src/registration/readRegistrations.js';
import type { ProjectFileReader } from '../../src/zeroConfig/projectFiles.js';

/** An in-memory project: root-relative paths to text; directories are implied by the paths. */
function memoryProject(files: Record<string, string>): ProjectFileReader {
  return {
    readText: (path) => files[path],
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

const packageJson = (...dependencies: string[]): string => JSON.stringify({ name: 'app', dependencies: Object.fromEntries(dependencies.map((name) => [name, '*'])) });
const entity = (name: string, extra = ''): string => `import { Entity } from 'typeorm';\n${extra}\n@Entity()\nexport class ${name} {}\n`;

function configsOf(files: Record<string, string>): readonly RegistrationConfig[] {
  return readRegistrations(memoryProject(files)).configs;
}

describe('readRegistrations: TypeORM data sources', () => {
  it('lists classes by name, followed through imports to the file declaring them', () => {
    const configs = configsOf({
      'package.json': packageJson('typeorm'),
      'src/data-source.ts': [
        "import { DataSource } from 'typeorm';",
        "import { User } from './models/User';",
        "import { Team as Squad } from './models/Team';",
        '',
        'export const AppDataSource = new DataSource({',
        "  type: 'postgres',",
        '  entities: [User, Squad],',
        '});',
      ].join('\n'),
      'src/models/User.ts': entity('User'),
      'src/models/Team.ts': entity('Team'),
    });
    expect(configs).toEqual([
      {
        file: 'src/data-source.ts',
        line: 7,
        orm: 'typeorm',
        description: 'new DataSource({ entities })',
        globs: [],
        classes: [
          { file: 'src/models/User.ts', name: 'User' },
          { file: 'src/models/Team.ts', name: 'Team' },
        ],
        unreadableEntries: [],
      },
    ]);
  });

  it('reads globs relative to the config file (__dirname) or to the root', () => {
    const configs = configsOf({
      'package.json': packageJson('typeorm'),
      'src/db/data-source.ts': "import { DataSource } from 'typeorm';\nexport default new DataSource({\n  entities: [__dirname + '/../models/*.entity.{ts,js}', 'lib/entities/**/*.ts'],\n});\n",
    });
    expect(configs.map(({ file, line, globs, classes }) => ({ file, line, globs, classes }))).toEqual([
      { file: 'src/db/data-source.ts', line: 3, globs: ['src/models/*.entity.{ts,js}', 'lib/entities/**/*.ts'], classes: [] },
    ]);
  });

  it('reads exported options without a DataSource, and createConnection', () => {
    const configs = configsOf({
      'package.json': packageJson('typeorm'),
      'ormconfig.ts': "import type { DataSourceOptions } from 'typeorm';\nexport const options: DataSourceOptions = { type: 'postgres', entities: ['src/**/*.entity.ts'] };\n",
      'src/datasource.ts': "import { createConnection } from 'typeorm';\nexport const connect = () => createConnection({ type: 'sqlite', entities: ['src/legacy/*.ts'] });\n",
    });
    expect(configs.map(({ file, line, description, globs }) => ({ file, line, description, globs }))).toEqual([
      { file: 'ormconfig.ts', line: 2, description: 'TypeORM options', globs: ['src/**/*.entity.ts'] },
      { file: 'src/datasource.ts', line: 2, description: 'createConnection({ entities })', globs: ['src/legacy/*.ts'] },
    ]);
  });

  it('reads ormconfig.json (one object or several), with the line of each entities key', () => {
    const configs = configsOf({
      'package.json': packageJson('typeorm'),
      'ormconfig.json': '[\n  {\n    "name": "default",\n    "entities": ["src/entity/**/*.ts"]\n  },\n  {\n    "name": "reports",\n    "entities": ["src/reports/*.ts", 42]\n  }\n]\n',
    });
    expect(configs).toEqual([
      { file: 'ormconfig.json', line: 4, orm: 'typeorm', description: 'ormconfig.json entities', globs: ['src/entity/**/*.ts'], classes: [], unreadableEntries: [] },
      {
        file: 'ormconfig.json',
        line: 8,
        orm: 'typeorm',
        description: 'ormconfig.json entities',
        globs: ['src/reports/*.ts'],
        classes: [],
        unreadableEntries: ['ormconfig.json:8: entities entry 42 is not a path inside the project.'],
      },
    ]);
  });

  it("maps compiled globs back to sources with tsconfig.json's outDir and rootDir, else marks them unreadable", () => {
    const files = {
      'package.json': packageJson('typeorm'),
      'ormconfig.json': '{ "entities": ["dist/**/*.entity.js"] }',
    };
    const mapped = configsOf({ ...files, 'tsconfig.json': '{ "compilerOptions": { "outDir": "./dist", "rootDir": "./src" } }' });
    expect(mapped.map(({ globs, unreadableEntries }) => ({ globs, unreadableEntries }))).toEqual([
      { globs: ['dist/**/*.entity.js', 'src/**/*.entity.ts'], unreadableEntries: [] },
    ]);
    const unmapped = configsOf({ ...files, 'tsconfig.json': '{ "compilerOptions": { "outDir": "./dist" } }' });
    expect(unmapped.map(({ globs, unreadableEntries }) => ({ globs, unreadableEntries }))).toEqual([
      {
        globs: ['dist/**/*.entity.js'],
        unreadableEntries: [
          'dist/**/*.entity.js (from ormconfig.json:1) points at compiled output, and tsconfig.json declares no outDir and rootDir to map it back to the sources it was built from.',
        ],
      },
    ]);
  });

  it('keeps entries it cannot read as unreadable, next to those it can', () => {
    const configs = configsOf({
      'package.json': packageJson('typeorm'),
      'src/data-source.ts': [
        "import { DataSource } from 'typeorm';",
        "import { shared } from '@acme/entities';",
        "import { User } from './User';",
        'export default new DataSource({ entities: [User, ...shared, ...loadMore()] });',
        'function loadMore() { return []; }',
      ].join('\n'),
      'src/User.ts': entity('User'),
    });
    expect(configs.map(({ classes, unreadableEntries }) => ({ classes, unreadableEntries }))).toEqual([
      {
        classes: [{ file: 'src/User.ts', name: 'User' }],
        unreadableEntries: [
          "src/data-source.ts:4: entities entry `shared` was not inferred: 'shared' is imported from '@acme/entities', which is not a relative path.",
          'src/data-source.ts:4: entities entry `loadMore()` was not inferred: it is not a statically known path.',
        ],
      },
    ]);
  });

  it('does not take a data source without entities for a registration of nothing', () => {
    const result = readRegistrations(
      memoryProject({
        'package.json': packageJson('typeorm'),
        'src/data-source.ts': "import { DataSource } from 'typeorm';\nexport default new DataSource({ type: 'postgres', migrations: ['src/migrations/*.ts'] });\n",
      }),
    );
    expect(result.configs).toEqual([]);
    expect(result.notes).toContain('src/data-source.ts:2: new DataSource({ entities }) lists no entities; it is not read as a registration of entities.');
  });

  it('names an anonymous default-exported class by its file', () => {
    const configs = configsOf({
      'package.json': packageJson('typeorm'),
      'src/data-source.ts': "import { DataSource } from 'typeorm';\nimport Audit from './Audit';\nexport default new DataSource({ entities: [Audit] });\n",
      'src/Audit.ts': "import { Entity } from 'typeorm';\n@Entity()\nexport default class {}\n",
    });
    expect(configs.map(({ globs, classes }) => ({ globs, classes }))).toEqual([{ globs: ['src/Audit.ts'], classes: [] }]);
  });
});

describe('readRegistrations: barrels behind Object.values(ns)', () => {
  const barrelProject = (index: string, others: Record<string, string> = {}): readonly RegistrationConfig[] =>
    configsOf({
      'package.json': packageJson('typeorm'),
      'src/data-source.ts': "import { DataSource } from 'typeorm';\nimport * as entities from './entities';\nexport default new DataSource({ entities: Object.values(entities) });\n",
      'src/entities/index.ts': index,
      'src/entities/A.ts': entity('A'),
      'src/entities/B.ts': `${entity('B')}export class NotAnEntity {}\nexport default B;\n`,
      'src/entities/nested/index.ts': "export * from '../A';\n",
      ...others,
    });

  it('reads the barrel export by export: named, renamed, star (without default), nested namespaces; types are left out', () => {
    const configs = barrelProject(
      [
        "export { A } from './A';",
        "export * from './B';",
        "export { default as Bee } from './B';",
        "export * as nested from './nested';",
        "export type { Shape } from './types';",
        'export interface Options { x: number }',
      ].join('\n'),
    );
    expect(configs.map(({ globs, classes, unreadableEntries }) => ({ globs, classes, unreadableEntries }))).toEqual([
      {
        globs: [],
        classes: [
          { file: 'src/entities/A.ts', name: 'A' },
          { file: 'src/entities/B.ts', name: 'B' },
          { file: 'src/entities/B.ts', name: 'NotAnEntity' },
        ],
        unreadableEntries: [],
      },
    ]);
  });

  it('makes a re-export from a package unreadable', () => {
    const configs = barrelProject("export { A } from './A';\nexport * from '@acme/entities';\n");
    expect(configs.map(({ classes, unreadableEntries }) => ({ classes, unreadableEntries }))).toEqual([
      {
        classes: [{ file: 'src/entities/A.ts', name: 'A' }],
        unreadableEntries: [
          "src/data-source.ts:3: entities entry `entities` was not inferred: src/entities/index.ts re-exports everything from '@acme/entities', which is not a relative path.",
        ],
      },
    ]);
  });
});

describe('readRegistrations: NestJS', () => {
  const usersModule = "import { Module } from '@nestjs/common';\nimport { TypeOrmModule } from '@nestjs/typeorm';\nimport { User } from './user.entity';\n\n@Module({ imports: [TypeOrmModule.forFeature([User])] })\nexport class UsersModule {}\n";

  it('with autoLoadEntities, registers the entities of every TypeOrmModule.forFeature under src/, apps/ and libs/', () => {
    const configs = configsOf({
      'package.json': packageJson('typeorm', '@nestjs/typeorm'),
      'apps/api/src/app.module.ts':
        "import { Module } from '@nestjs/common';\nimport { TypeOrmModule } from '@nestjs/typeorm';\n\n@Module({ imports: [TypeOrmModule.forRoot({ type: 'postgres', autoLoadEntities: true })] })\nexport class AppModule {}\n",
      'apps/api/src/users/users.module.ts': usersModule,
      'apps/api/src/users/user.entity.ts': entity('User'),
      'libs/billing/src/billing.module.ts':
        "import { TypeOrmModule } from '@nestjs/typeorm';\nimport { Invoice } from './invoice.entity';\nexport const BillingFeature = TypeOrmModule.forFeature([Invoice], 'billing');\n",
      'libs/billing/src/invoice.entity.ts': entity('Invoice'),
      'dist/apps/api/users/users.module.js': 'TypeOrmModule.forFeature([require("./x").Gone]);',
    });
    expect(configs).toEqual([
      {
        file: 'apps/api/src/app.module.ts',
        line: 4,
        orm: 'typeorm',
        description: 'TypeOrmModule.forRoot with autoLoadEntities',
        globs: [],
        classes: [
          { file: 'apps/api/src/users/user.entity.ts', name: 'User', via: 'TypeOrmModule.forFeature at apps/api/src/users/users.module.ts:5' },
          { file: 'libs/billing/src/invoice.entity.ts', name: 'Invoice', via: 'TypeOrmModule.forFeature at libs/billing/src/billing.module.ts:3' },
        ],
        unreadableEntries: [],
        autoLoadsFeaturesOf: 'TypeOrmModule',
      },
    ]);
  });

  it('without autoLoadEntities, forFeature registers nothing: only the listed entities count', () => {
    const configs = configsOf({
      'package.json': packageJson('typeorm', '@nestjs/typeorm'),
      'src/app.module.ts':
        "import { Module } from '@nestjs/common';\nimport { TypeOrmModule } from '@nestjs/typeorm';\nimport { Post } from './post.entity';\n\n@Module({ imports: [TypeOrmModule.forRoot({ entities: [Post], autoLoadEntities: false })] })\nexport class AppModule {}\n",
      'src/post.entity.ts': entity('Post'),
      'src/users/users.module.ts': usersModule,
      'src/users/user.entity.ts': entity('User'),
    });
    expect(configs.map(({ description, classes }) => ({ description, classes }))).toEqual([
      { description: 'TypeOrmModule.forRoot', classes: [{ file: 'src/post.entity.ts', name: 'Post' }] },
    ]);
  });

  it('makes a forFeature whose arguments are spread, or whose module does not parse, unreadable', () => {
    const configs = configsOf({
      'package.json': packageJson('typeorm', '@nestjs/typeorm'),
      'src/app.module.ts': "import { TypeOrmModule } from '@nestjs/typeorm';\nexport const Db = TypeOrmModule.forRoot({ autoLoadEntities: true });\n",
      'src/a/a.module.ts': "import { TypeOrmModule } from '@nestjs/typeorm';\nimport { features } from './features';\nexport const F = TypeOrmModule.forFeature(...features);\n",
      'src/b/b.module.ts': 'export const F = TypeOrmModule.forFeature([B]',
    });
    expect(configs.map(({ unreadableEntries }) => unreadableEntries)).toEqual([
      [
        'src/a/a.module.ts:3: the arguments of TypeOrmModule.forFeature are spread, so its entities are not known.',
        "src/b/b.module.ts was not read (it does not parse (line 1: ')' expected)); it may call TypeOrmModule.forFeature.",
      ],
    ]);
  });

  it('makes options built by a class unreadable', () => {
    const configs = configsOf({
      'package.json': packageJson('typeorm', '@nestjs/typeorm'),
      'src/database/database.module.ts':
        "import { TypeOrmModule } from '@nestjs/typeorm';\nimport { TypeOrmConfig } from './typeorm.config';\nexport const Db = TypeOrmModule.forRootAsync({ useClass: TypeOrmConfig });\n",
    });
    expect(configs).toEqual([
      {
        file: 'src/database/database.module.ts',
        line: 1,
        orm: 'typeorm',
        description: 'TypeOrmModule.forRoot',
        globs: [],
        classes: [],
        unreadableEntries: ['src/database/database.module.ts:3: TypeOrmModule.forRootAsync options come from a class or an unreadable factory; they were not read.'],
      },
    ]);
  });

  it('reads a data source once when a module reaches the same options object', () => {
    const configs = configsOf({
      'package.json': packageJson('typeorm', '@nestjs/typeorm'),
      'src/data-source.ts': "import { DataSource, type DataSourceOptions } from 'typeorm';\nexport const options: DataSourceOptions = { type: 'postgres', entities: ['src/**/*.entity.ts'] };\nexport default new DataSource(options);\n",
      'src/app.module.ts': "import { TypeOrmModule } from '@nestjs/typeorm';\nimport { options } from './data-source';\nexport const Db = TypeOrmModule.forRoot(options);\n",
    });
    expect(configs.map(({ file, line, description }) => ({ file, line, description }))).toEqual([
      { file: 'src/data-source.ts', line: 2, description: 'new DataSource({ entities })' },
    ]);
  });
});

describe('readRegistrations: MikroORM', () => {
  const mikroPackage = packageJson('@mikro-orm/core', '@mikro-orm/postgresql');
  const mikroEntity = (name: string, body = '', imports = ''): string =>
    `import { Entity, ManyToOne, PrimaryKey } from '@mikro-orm/core';\n${imports}\n@Entity()\nexport class ${name} {\n  @PrimaryKey() id!: number;\n${body}}\n`;

  it('reads entities and entitiesTs (relative to baseDir) and skips what folder discovery skips', () => {
    const configs = configsOf({
      'package.json': mikroPackage,
      'mikro-orm.config.ts':
        "import { defineConfig } from '@mikro-orm/postgresql';\nexport default defineConfig({\n  baseDir: __dirname + '/server',\n  entities: ['./build/entities'],\n  entitiesTs: ['./src/entities'],\n});\n",
      'server/src/entities/Author.ts': mikroEntity('Author'),
    });
    expect(configs).toEqual([
      {
        file: 'mikro-orm.config.ts',
        line: 4,
        orm: 'mikro-orm',
        description: 'MikroORM config',
        globs: ['server/build/entities/**/*.{js,ts,mjs,mts,cjs,cts}', 'server/src/entities/**/*.{js,ts,mjs,mts,cjs,cts}'],
        classes: [],
        unreadableEntries: [],
        skippedGlobs: ['**/*index.{js,ts,mjs,mts,cjs,cts}', '**/*.d.{ts,mts,cts}'],
      },
    ]);
  });

  it('follows relations and base classes transitively, as discovery does', () => {
    const configs = configsOf({
      'package.json': mikroPackage,
      'src/mikro-orm.config.ts': "import { defineConfig } from '@mikro-orm/core';\nimport { Book } from './entities/Book';\nexport default defineConfig({ entities: [Book] });\n",
      'src/entities/Book.ts': mikroEntity('Book', '  @ManyToOne(() => Author) author!: Author;\n', "import { Author } from '../people/Author';"),
      'src/people/Author.ts': mikroEntity('Author', '  @ManyToOne({ entity: () => Agency }) agency!: Agency;\n', "import { Agency } from '../agencies/Agency';"),
      'src/agencies/Agency.ts': "import { Entity } from '@mikro-orm/core';\nimport { Base } from '../Base';\n@Entity()\nexport class Agency extends Base {}\n",
      'src/Base.ts': "import { PrimaryKey } from '@mikro-orm/core';\nexport abstract class Base { @PrimaryKey() id!: number; }\n",
      'src/loose/Orphan.ts': mikroEntity('Orphan'),
    });
    expect(configs.map(({ classes }) => classes)).toEqual([
      [
        { file: 'src/entities/Book.ts', name: 'Book' },
        { file: 'src/people/Author.ts', name: 'Author', via: 'relation from src/entities/Book.ts' },
        { file: 'src/agencies/Agency.ts', name: 'Agency', via: 'relation from src/people/Author.ts' },
        { file: 'src/Base.ts', name: 'Base', via: 'relation from src/agencies/Agency.ts' },
      ],
    ]);
  });

  it('reads MikroORM.init in an entry file, and defineEntity consts as their files', () => {
    const configs = configsOf({
      'package.json': mikroPackage,
      'src/main.ts':
        "import { MikroORM } from '@mikro-orm/postgresql';\nimport { Tag } from './tag';\nexport const orm = await MikroORM.init({ dbName: 'x', entities: [Tag] });\n",
      'src/tag.ts': "import { defineEntity } from '@mikro-orm/core';\nexport const Tag = defineEntity({ name: 'Tag', properties: (p) => ({ id: p.integer().primary() }) });\n",
    });
    expect(configs.map(({ file, line, description, globs, classes }) => ({ file, line, description, globs, classes }))).toEqual([
      { file: 'src/main.ts', line: 3, description: 'MikroORM.init', globs: ['src/tag.ts'], classes: [] },
    ]);
  });

  it('makes compiled entities without entitiesTs, and a baseDir known only at run time, unreadable', () => {
    const compiled = configsOf({ 'package.json': mikroPackage, 'mikro-orm.config.js': "module.exports = { entities: ['./dist/entities'] };\n" });
    expect(compiled.map(({ unreadableEntries }) => unreadableEntries)).toEqual([
      [
        'dist/entities/**/*.{js,ts,mjs,mts,cjs,cts} (from mikro-orm.config.js:1) points at compiled output, and tsconfig.json declares no outDir and rootDir to map it back to the sources it was built from.',
      ],
    ]);
    const baseDir = configsOf({ 'package.json': mikroPackage, 'mikro-orm.config.ts': "export default { baseDir: process.env.APP_DIR, entities: ['./entities'] };\n" });
    expect(baseDir.map(({ line, unreadableEntries }) => ({ line, unreadableEntries }))).toEqual([
      { line: 1, unreadableEntries: ['mikro-orm.config.ts:1: baseDir is not a statically known path.'] },
    ]);
  });

  it('with autoLoadEntities, registers MikroOrmModule.forFeature lists, in both of their forms', () => {
    const configs = configsOf({
      'package.json': mikroPackage,
      'src/app.module.ts': "import { MikroOrmModule } from '@mikro-orm/nestjs';\nexport const Db = MikroOrmModule.forRoot({ autoLoadEntities: true });\n",
      'src/a/a.module.ts': "import { MikroOrmModule } from '@mikro-orm/nestjs';\nimport { A } from './a.entity';\nexport const F = MikroOrmModule.forFeature([A]);\n",
      'src/b/b.module.ts': "import { MikroOrmModule } from '@mikro-orm/nestjs';\nimport { B } from './b.entity';\nexport const F = MikroOrmModule.forFeature({ entities: [B], contextName: 'b' });\n",
      'src/a/a.entity.ts': mikroEntity('A'),
      'src/b/b.entity.ts': mikroEntity('B'),
    });
    expect(configs.map(({ description, classes }) => ({ description, classes }))).toEqual([
      {
        description: 'MikroOrmModule.forRoot with autoLoadEntities',
        classes: [
          { file: 'src/a/a.entity.ts', name: 'A', via: 'MikroOrmModule.forFeature at src/a/a.module.ts:3' },
          { file: 'src/b/b.entity.ts', name: 'B', via: 'MikroOrmModule.forFeature at src/b/b.module.ts:3' },
        ],
      },
    ]);
  });
});

describe('readRegistrations: sequelize-typescript', () => {
  const model = (name: string): string => `import { Model, Table } from 'sequelize-typescript';\n@Table\nexport class ${name} extends Model {}\n`;

  it('reads models (folders as folder/*), modelPaths and addModels, with the connection options last', () => {
    const configs = configsOf({
      'package.json': packageJson('sequelize', 'sequelize-typescript'),
      'src/db/database.ts': [
        "import { Sequelize } from 'sequelize-typescript';",
        "import { Tag } from '../tags/Tag';",
        "export const sequelize = new Sequelize('blog', 'user', 'secret', {",
        "  models: [__dirname + '/../models', 'src/extra/**/*.model.ts'],",
        "  modelPaths: ['src/legacy/Old.ts'],",
        '});',
        'sequelize.addModels([Tag]);',
      ].join('\n'),
      'src/tags/Tag.ts': model('Tag'),
    });
    expect(configs.map(({ line, description, globs, classes }) => ({ line, description, globs, classes }))).toEqual([
      { line: 4, description: 'new Sequelize({ models })', globs: ['src/models/*.{ts,js}', 'src/extra/**/*.model.ts', 'src/legacy/Old.ts'], classes: [] },
      { line: 7, description: 'addModels([...])', globs: [], classes: [{ file: 'src/tags/Tag.ts', name: 'Tag' }] },
    ]);
  });

  it('is not read when package.json does not depend on sequelize-typescript', () => {
    expect(
      configsOf({
        'package.json': packageJson('sequelize'),
        'src/database.ts': "import { Sequelize } from 'sequelize-typescript';\nexport const s = new Sequelize({ models: ['src/models'] });\n",
      }),
    ).toEqual([]);
  });

  it('with autoLoadModels, registers SequelizeModule.forFeature lists', () => {
    const configs = configsOf({
      'package.json': packageJson('sequelize', 'sequelize-typescript', '@nestjs/sequelize'),
      'src/app.module.ts': "import { SequelizeModule } from '@nestjs/sequelize';\nexport const Db = SequelizeModule.forRoot({ dialect: 'postgres', autoLoadModels: true });\n",
      'src/cats/cats.module.ts': "import { SequelizeModule } from '@nestjs/sequelize';\nimport { Cat } from './cat.model';\nexport const F = SequelizeModule.forFeature([Cat]);\n",
      'src/cats/cat.model.ts': model('Cat'),
    });
    expect(configs.map(({ description, classes, autoLoadsFeaturesOf }) => ({ description, classes, autoLoadsFeaturesOf }))).toEqual([
      {
        description: 'SequelizeModule.forRoot with autoLoadModels',
        classes: [{ file: 'src/cats/cat.model.ts', name: 'Cat', via: 'SequelizeModule.forFeature at src/cats/cats.module.ts:3' }],
        autoLoadsFeaturesOf: 'SequelizeModule',
      },
    ]);
  });
});

describe('readRegistrations: robustness', () => {
  it('never throws on a reader that throws, and names a config that does not parse', () => {
    const throwing: ProjectFileReader = {
      readText: () => {
        throw new Error('disk on fire');
      },
      listDirectory: () => {
        throw new Error('disk on fire');
      },
    };
    expect(readRegistrations(throwing).configs).toEqual([]);
    const configs = configsOf({ 'package.json': packageJson('typeorm'), 'src/data-source.ts': 'export default new DataSource({ entities: [' });
    expect(configs.map(({ file, unreadableEntries }) => ({ file, unreadableEntries }))).toEqual([
      { file: 'src/data-source.ts', unreadableEntries: ["src/data-source.ts was not read: it does not parse (line 1: ']' expected)."] },
    ]);
  });
});
