/** Inputs for validateSettings: any value at all, and small edits of realistic valid settings. */
import fc from 'fast-check';

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** Realistic settings from the docs and tests, all valid. */
export const VALID_SETTINGS: readonly Json[] = [
  {},
  { models: 'src/models/**', migrations: ['db/*.sql'] },
  { rootDir: '/repo', cacheLifetime: 1000, debug: true, orm: ['typeorm', 'knex'], models: ['src/entities/**/*.ts'], migrations: { postgres: ['db/pg/*.sql'], sqlite: 'db/sqlite/*.sql' } },
  { markers: [{ package: '@acme/typeorm', name: 'Entity' }, { package: '@acme/db', name: 'View', kind: 'view', orm: 'mikro-orm' }], tablePrefix: 'app_' },
  { interpolations: { 'process.env.TABLE_PREFIX': 'app_', schema: 'billing' }, sequelize: { freezeTableName: true, underscored: false }, migrationOrder: 'auto' },
  { migrationOrder: { registry: 'src/migrations/index.ts' }, ignore: ['**/fixtures/**'], orm: 'auto' },
  {
    models: ['src/models/**'],
    ignore: ['**/generated/**'],
    scopes: [
      { name: 'api', root: 'services/api', models: ['src/**/*.entity.ts'], migrations: ['migrations/*.ts'], orm: 'typeorm' },
      { name: 'jobs', root: './services/jobs/', migrations: [], sequelize: { underscored: true }, interpolations: { prefix: 'jobs_' } },
    ],
  },
];

/** A key path into a JSON value: object keys and array indexes. */
type Path = readonly (string | number)[];

function pathsOf(value: Json, prefix: Path = []): Path[] {
  const paths: Path[] = [prefix];
  if (Array.isArray(value)) value.forEach((item, index) => paths.push(...pathsOf(item, [...prefix, index])));
  else if (typeof value === 'object' && value !== null) for (const [key, item] of Object.entries(value)) paths.push(...pathsOf(item, [...prefix, key]));
  return paths;
}

export type SettingsEdit =
  | { readonly op: 'set'; readonly at: number; readonly value: Json }
  | { readonly op: 'delete'; readonly at: number }
  | { readonly op: 'rename'; readonly at: number; readonly key: string }
  | { readonly op: 'wrap'; readonly at: number }
  | { readonly op: 'hole'; readonly at: number };

/** Replaces the value at `path` (the root when the path is empty) with what `edit` makes of it. */
function editAt(root: Json, path: Path, edit: (value: Json, parent: Json[] | { [key: string]: Json } | undefined, key: string | number | undefined) => Json): Json {
  if (path.length === 0) return edit(root, undefined, undefined);
  let parent: Json = root;
  for (const key of path.slice(0, -1)) parent = (parent as Record<string | number, Json>)[key] as Json;
  const key = path[path.length - 1] as string | number;
  const container = parent as { [key: string]: Json };
  container[key] = edit(container[key] as Json, container, key);
  return root;
}

/** A copy of `list` with nothing at `index` (not even `undefined`), as a stray comma in a config leaves. */
function withHole(list: readonly Json[], index: number): Json[] {
  const copy = new Array<Json>(list.length);
  list.forEach((item, itemIndex) => {
    if (itemIndex !== index) copy[itemIndex] = item;
  });
  return copy;
}

export function applySettingsEdit(settings: Json, change: SettingsEdit): Json {
  const paths = pathsOf(settings);
  const path = paths[change.at % paths.length] ?? [];
  switch (change.op) {
    case 'set':
      // A copy: later edits change the settings in place and must not reach into the plan.
      return editAt(settings, path, () => structuredClone(change.value));
    case 'wrap':
      return editAt(settings, path, (value) => [value]);
    case 'delete':
    case 'rename':
    case 'hole': {
      if (path.length === 0) return change.op === 'delete' ? null : settings;
      const parentPath = path.slice(0, -1);
      const key = path[path.length - 1] as string | number;
      return editAt(settings, parentPath, (parent) => {
        if (Array.isArray(parent)) {
          const index = key as number;
          // A hole, as `['a', , 'b']` leaves; a delete shortens the list.
          if (change.op === 'hole' || change.op === 'rename') return withHole(parent, index);
          const copy = parent.slice();
          copy.splice(index, 1);
          return copy;
        }
        const object = { ...(parent as Record<string, Json>) };
        const value = object[key as string] as Json;
        delete object[key as string];
        if (change.op === 'rename') object[change.key] = value;
        return object;
      });
    }
  }
}

/** Key typos and near misses, plus keys that are special to JavaScript objects. */
const KEY = fc.oneof(
  fc.constantFrom('model', 'Models', 'migration', 'root', 'rootdir', 'scope', 'orms', 'marker', '__proto__', 'constructor', 'toString', 'hasOwnProperty', '', ' ', 'x'.repeat(100_000)),
  fc.string({ maxLength: 12 }),
);

const JSON_VALUE: fc.Arbitrary<Json> = fc.oneof(
  fc.jsonValue({ maxDepth: 3 }) as fc.Arbitrary<Json>,
  fc.constantFrom<Json>('', ' ', 'auto', 'typeorm', 'prisma', 'entity', 'view', -1, 0, 1e308, [], {}, [''], ['**'], { registry: '' }, null, true),
);

const settingsEdit: fc.Arbitrary<SettingsEdit> = fc.oneof(
  fc.record({ op: fc.constant('set' as const), at: fc.nat(), value: JSON_VALUE }),
  fc.record({ op: fc.constant('delete' as const), at: fc.nat() }),
  fc.record({ op: fc.constant('rename' as const), at: fc.nat(), key: KEY }),
  fc.record({ op: fc.constant('wrap' as const), at: fc.nat() }),
  fc.record({ op: fc.constant('hole' as const), at: fc.nat() }),
);

export interface EditedSettings {
  readonly base: number;
  readonly edits: readonly SettingsEdit[];
}

export const editedSettings: fc.Arbitrary<EditedSettings> = fc.record({
  base: fc.nat({ max: VALID_SETTINGS.length - 1 }),
  edits: fc.array(settingsEdit, { minLength: 1, maxLength: 4 }),
});

/** The settings object an edit plan describes (built fresh each time: validateSettings caches by identity). */
export function buildEditedSettings({ base, edits }: EditedSettings): Json {
  return edits.reduce(applySettingsEdit, structuredClone(VALID_SETTINGS[base] ?? {}));
}

/** Known keys with random values: deep enough to reach every reader of a key. */
const TOP_KEYS = ['rootDir', 'cacheLifetime', 'debug', 'scopes', 'orm', 'models', 'migrations', 'ignore', 'markers', 'tablePrefix', 'interpolations', 'sequelize', 'migrationOrder'] as const;
const SCOPE_KEYS = ['name', 'root', 'orm', 'models', 'migrations', 'ignore', 'markers', 'tablePrefix', 'interpolations', 'sequelize', 'migrationOrder'] as const;
const anyValue = fc.anything({ maxDepth: 2, withNullPrototype: true, withBigInt: true, withSparseArray: true, withBoxedValues: true, withMap: true, withSet: true, withDate: true, withTypedArray: true, withObjectString: true, withUnicodeString: true });

export const keyedSettings = fc.dictionary(
  fc.constantFrom(...TOP_KEYS),
  fc.oneof(
    anyValue,
    JSON_VALUE,
    fc.array(fc.dictionary(fc.constantFrom(...SCOPE_KEYS), fc.oneof(anyValue, JSON_VALUE)), { maxLength: 3 }),
    fc.array(fc.record({ package: fc.string(), name: fc.string(), kind: fc.string(), orm: fc.string() }, { requiredKeys: [] }), { maxLength: 2 }),
  ),
  { maxKeys: 6 },
);

/** Values a flat config (JavaScript) can hold that JSON cannot. */
export const exoticValue = fc.oneof(
  anyValue,
  fc.constantFrom<unknown>(Symbol('settings'), () => ({}), Object.create(null), new Map([['models', ['a']]]), new Date(0), /models/u, new Error('x'), Number.NaN, Infinity, -0),
);
