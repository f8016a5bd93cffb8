import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { checkRegistration, describeRegistration } from '../../src/registration/checkRegistration.js';
import { describeLoads, describeRemedy, listNames } from '../../src/registration/describeRegistrations.js';
import { readRegistrations } from '../../src/registration/readRegistrations.js';
import type { RegistrationConfig, Registrations } from '../../src/registration/registrationTypes.js';
import { createFsProjectFileReader } from '../../src/zeroConfig/projectFiles.js';

const FIXTURES = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'fixtures');

function config(overrides: Partial<RegistrationConfig>): RegistrationConfig {
  return {
    file: 'src/data-source.ts',
    line: 7,
    orm: 'typeorm',
    description: 'new DataSource({ entities })',
    globs: [],
    classes: [],
    unreadableEntries: [],
    ...overrides,
  };
}

const registrations = (...configs: RegistrationConfig[]): Registrations => ({ configs, notes: [] });

describe('checkRegistration', () => {
  const listing = config({ classes: [{ file: 'src/models/User.ts', name: 'User' }] });
  const globbing = config({ file: 'ormconfig.json', line: 3, description: 'ormconfig.json entities', globs: ['src/entity/**/*.ts'] });

  it('is registered when a config lists the class, declared in that file', () => {
    expect(checkRegistration(registrations(listing, globbing), { orm: 'typeorm', name: 'User', file: 'src/models/User.ts' })).toEqual({
      status: 'registered',
      configs: [listing],
    });
  });

  it('is registered when a glob matches the file', () => {
    expect(checkRegistration(registrations(listing, globbing), { orm: 'typeorm', name: 'Post', file: 'src/entity/blog/Post.ts' })).toEqual({
      status: 'registered',
      configs: [globbing],
    });
  });

  it('is unregistered when no config of the ORM loads it: a same-named class elsewhere, a neighbour in a listed file', () => {
    for (const entity of [
      { orm: 'typeorm' as const, name: 'User', file: 'src/legacy/User.ts' },
      { orm: 'typeorm' as const, name: 'UserSettings', file: 'src/models/User.ts' },
    ]) {
      expect(checkRegistration(registrations(listing, globbing), entity)).toEqual({ status: 'unregistered', configs: [listing, globbing] });
    }
  });

  it("compares only configs of the entity's own ORM", () => {
    const models = config({ orm: 'sequelize-typescript', description: 'new Sequelize({ models })', globs: ['src/models/*.{ts,js}'] });
    expect(checkRegistration(registrations(listing, models), { orm: 'sequelize-typescript', name: 'Post', file: 'src/models/User.ts' })).toEqual({
      status: 'registered',
      configs: [models],
    });
    expect(checkRegistration(registrations(models), { orm: 'typeorm', name: 'User', file: 'src/models/User.ts' })).toEqual({
      status: 'not-applicable',
      reason: 'no typeorm configuration that registers entities was found',
    });
  });

  it('does not count files the ORM skips although a glob matches them', () => {
    const mikro = config({ orm: 'mikro-orm', description: 'MikroORM config', globs: ['src/entities/**/*.{js,ts}'], skippedGlobs: ['**/*index.{js,ts,mjs,mts,cjs,cts}'] });
    expect(checkRegistration(registrations(mikro), { orm: 'mikro-orm', name: 'Tag', file: 'src/entities/index.ts' })).toEqual({ status: 'unregistered', configs: [mikro] });
    expect(checkRegistration(registrations(mikro), { orm: 'mikro-orm', name: 'Tag', file: 'src/entities/Tag.ts' })).toEqual({ status: 'registered', configs: [mikro] });
  });

  it('is unknown while an entry of a config of that ORM cannot be read', () => {
    const partial = config({ unreadableEntries: ['src/data-source.ts:7: entities entry `...plugins()` was not inferred: it is not a statically known path.'] });
    expect(checkRegistration(registrations(listing, partial), { orm: 'typeorm', name: 'Plugin', file: 'src/plugins/Plugin.ts' })).toEqual({
      status: 'unknown',
      configs: [partial],
      reason: 'src/data-source.ts:7: entities entry `...plugins()` was not inferred: it is not a statically known path.',
    });
  });

  it('does not apply to ORMs whose models register themselves', () => {
    const cases = [
      ['sequelize', 'Sequelize models register themselves with Model.init or sequelize.define'],
      ['drizzle', 'Drizzle tables are plain values used where they are imported'],
      ['objection', 'Objection models are plain classes bound to a knex instance'],
    ] as const;
    for (const [orm, reason] of cases) {
      expect(checkRegistration(registrations(listing), { orm, name: 'X', file: 'src/models/X.ts' })).toEqual({ status: 'not-applicable', reason });
    }
  });

  it('says how a registered entity is registered', () => {
    const featured = config({
      file: 'src/app.module.ts',
      line: 9,
      description: 'TypeOrmModule.forRoot with autoLoadEntities',
      classes: [{ file: 'src/users/user.entity.ts', name: 'User', via: 'TypeOrmModule.forFeature at src/users/users.module.ts:5' }],
    });
    expect(describeRegistration(listing, { name: 'User', file: 'src/models/User.ts' })).toBe('listed by src/data-source.ts:7 (new DataSource({ entities }))');
    expect(describeRegistration(globbing, { name: 'Post', file: 'src/entity/Post.ts' })).toBe('matched by a glob of ormconfig.json:3 (ormconfig.json entities)');
    expect(describeRegistration(featured, { name: 'User', file: 'src/users/user.entity.ts' })).toBe(
      'registered with src/app.module.ts:9 (TypeOrmModule.forRoot with autoLoadEntities) through TypeOrmModule.forFeature at src/users/users.module.ts:5',
    );
  });
});

describe('describing what configs load', () => {
  it('cuts long lists of names', () => {
    expect(listNames([])).toBe('nothing');
    expect(listNames(['A'])).toBe('A');
    expect(listNames(['A', 'B'])).toBe('A and B');
    expect(listNames(['A', 'B', 'C', 'D', 'E', 'F', 'G', 'H'])).toBe('A, B, C, D, E and 3 more');
  });

  it('says what each config loads, and what to do, from the first', () => {
    const both = config({ globs: ['dist/entities/*.js', 'src/entities/*.ts'], classes: [{ file: 'src/a.ts', name: 'A' }] });
    const empty = config({ file: 'src/app.module.ts', line: 3, description: 'TypeOrmModule.forRoot with autoLoadEntities', autoLoadsFeaturesOf: 'TypeOrmModule' });
    expect(describeLoads([both, empty], { name: 'X', file: 'src/x/X.ts' })).toBe(
      'src/data-source.ts:7 (new DataSource({ entities })) loads only dist/entities/*.js and src/entities/*.ts, which do not match src/x/X.ts, and lists only A; ' +
        'src/app.module.ts:3 (TypeOrmModule.forRoot with autoLoadEntities) auto-loads TypeOrmModule.forFeature entities, and no module lists any',
    );
    expect(describeRemedy([both], 'X', 'src/x/X.ts')).toBe("Add 'X' to the list at src/data-source.ts:7");
    expect(describeRemedy([config({ globs: ['dist/entities/*.js', 'src/entities/*.ts'] })], 'X', 'src/x/X.ts')).toBe(
      'Move it to a file that src/entities/*.ts matches, or add src/x/X.ts to the list at src/data-source.ts:7',
    );
    expect(describeRemedy([empty], 'X', 'src/x/X.ts')).toBe("Add 'X' to TypeOrmModule.forFeature([...]) in the module that uses it, or to the entities at src/app.module.ts:3");
  });
});

describe('registrations of the fixture projects', () => {
  const read = (project: string): Registrations => readRegistrations(createFsProjectFileReader(path.join(FIXTURES, project)));

  it('the outage: the DataSource lists only the classes of src/models', () => {
    const result = read('registration-outage');
    expect(result.configs).toEqual([
      config({
        line: 11,
        classes: [
          { file: 'src/models/User.ts', name: 'User' },
          { file: 'src/models/Organization.ts', name: 'Organization' },
          { file: 'src/models/ApiKey.ts', name: 'ApiKey' },
        ],
      }),
    ]);
    expect(checkRegistration(result, { orm: 'typeorm', name: 'CreditTransaction', file: 'src/billing/models/CreditTransaction.ts' }).status).toBe('unregistered');
  });

  it('a barrel: exactly what it exports', () => {
    expect(read('registration-typeorm-barrel').configs.map(({ classes, globs }) => ({ classes, globs }))).toEqual([
      {
        classes: [
          { file: 'src/entities/Customer.ts', name: 'Customer' },
          { file: 'src/entities/Invoice.ts', name: 'Invoice' },
        ],
        globs: [],
      },
    ]);
  });

  it('MikroORM: the entities folders, and Publisher through a relation of Book', () => {
    const result = read('registration-mikro-orm');
    expect(result.configs.map(({ globs, classes }) => ({ globs, classes }))).toEqual([
      {
        globs: ['dist/entities/**/*.{js,ts,mjs,mts,cjs,cts}', 'src/entities/**/*.{js,ts,mjs,mts,cjs,cts}'],
        classes: [{ file: 'src/catalog/Publisher.ts', name: 'Publisher', via: 'relation from src/entities/Book.ts' }],
      },
    ]);
    expect(result.notes).toContain('src/mikro-orm.config.ts:3: compiled dist/entities/**/*.{js,ts,mjs,mts,cjs,cts} taken as the build of entitiesTs.');
  });
});
