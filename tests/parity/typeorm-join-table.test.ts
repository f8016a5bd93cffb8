import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { detectEntities, DEFAULT_DETECTION_INPUTS, type DetectionInputs } from '../../src/entities/detectEntities.js';
import { resolveRelationTables } from '../../src/entities/relationTables.js';
import { typeormJoinTableName, typeormJunctionTableNames, typeormShortenJunctionName } from '../../src/orm/typeorm/typeormJoinNaming.js';
import { normaliseSchema } from '../../src/schema/tableRef.js';
import { parseCode } from '../support/parseFixture.js';

const require = createRequire(import.meta.url);

interface NamingStrategy {
  joinTableName(firstTableName: string, secondTableName: string, firstPropertyName: string, secondPropertyName: string): string;
}
type NamingStrategyModule = { DefaultNamingStrategy: new () => NamingStrategy };
type StringUtilsModule = { shorten: (input: string, options: { separator?: string; segmentLength?: number; termLength?: number }) => string };

const VERSIONS: Record<string, string> = { 'typeorm 1.x': 'typeorm', 'typeorm 0.3': 'typeorm-0.3' };

// ---------------------------------------------------------------------------------------------
// The naming functions, against TypeORM's own.

/** [owner tableNameWithoutPrefix, target tableNameWithoutPrefix, owner propertyPath, inverse property]. */
const JOIN_NAMES: readonly (readonly [string, string, string, string])[] = [
  ['post', 'tag', 'tags', 'posts'],
  ['post', 'tag', 'tags', ''],
  ['blog_posts', 'labels', 'labels', 'posts'],
  ['user', 'role', 'roles', 'users'],
  ['category', 'category', 'children', 'parents'],
  ['post', 'article', 'relatedArticles', ''],
  ['http_request_log', 'api_key', 'apiKeys', 'requests'],
  ['HTTPRequest', 'APIKey', 'usedKeys', ''],
  ['UserProfile', 'Tag', 'favouriteTags', 'profiles'],
  ['question', 'category', 'counters.categories', ''],
  ['a', 'b', 'c', 'd'],
  ['user', 'user', 'friends', 'friends'],
  ['order_item', 'product', 'bundleProducts', ''],
  ['Order', 'OrderLine', 'lines', 'order'],
  ['post', 'tag', 'meta.labels.tags', ''],
  ['v2_report', 'k8s_cluster', 'clusters2', ''],
];

/** Junction names, some longer than the drivers' `maxAliasLength` (29, 63, 128). */
const LONG_NAMES = [
  'post_tags_tag',
  'post_related_articles_article',
  'user_profile_favourite_tags_tag_with_a_long_name',
  'http_request_log_api_keys_api_key',
  'PostTagsTag_with_CamelCase_segmentsAndMore',
  'order_item_bundle_products_product_catalogue_entries_of_the_year',
  'a_b',
  'x'.repeat(70),
  'segment__double_underscore_here_and_there_again',
  'ÄrgerLog_entries_for_the_café_order_table_names',
];

describe("typeormJoinTableName equals TypeORM's DefaultNamingStrategy.joinTableName", () => {
  it('covers more than a dozen name combinations', () => {
    expect(JOIN_NAMES.length).toBeGreaterThan(12);
  });

  for (const [version, packageName] of Object.entries(VERSIONS)) {
    it(`matches ${version}`, () => {
      const { DefaultNamingStrategy } = require(`${packageName}/naming-strategy/DefaultNamingStrategy.js`) as NamingStrategyModule;
      const strategy = new DefaultNamingStrategy();
      const ours = JOIN_NAMES.map(([owner, target, path]) => typeormJoinTableName(owner, target, path));
      const theirs = JOIN_NAMES.map(([owner, target, path, inverse]) => strategy.joinTableName(owner, target, path, inverse));
      expect(ours).toEqual(theirs);
    });

    it(`shortens long junction names as ${version}'s StringUtils.shorten does`, () => {
      const { shorten } = require(`${packageName}/util/StringUtils.js`) as StringUtilsModule;
      const ours = LONG_NAMES.map(typeormShortenJunctionName);
      const theirs = LONG_NAMES.map((name) => shorten(name, { separator: '_', segmentLength: 3 }));
      expect(ours).toEqual(theirs);
    });
  }

  it('gives the shortened name as a second candidate only past the smallest maxAliasLength (29)', () => {
    expect(typeormJunctionTableNames('post_tags_tag')).toEqual(['post_tags_tag']);
    expect(typeormJunctionTableNames('a'.repeat(29))).toEqual(['a'.repeat(29)]);
    expect(typeormJunctionTableNames('user_profile_favourite_tags_tag')).toEqual(['user_profile_favourite_tags_tag', 'use_pro_fav_tag_tag']);
  });
});

// ---------------------------------------------------------------------------------------------
// Whole entities: the junction tables TypeORM builds, against what detection + resolution give.

interface JunctionMetadata {
  readonly tableName: string;
  readonly schema?: string | undefined;
  readonly tableType: string;
}
interface TypeormDataSource {
  buildMetadatas(): Promise<void>;
  readonly entityMetadatas: readonly JunctionMetadata[];
  readonly driver: { maxAliasLength?: number | undefined };
}
type Decorate = (...args: unknown[]) => (target: object, propertyName?: string) => void;
interface TypeormModule {
  readonly DataSource: new (options: Record<string, unknown>) => TypeormDataSource;
  readonly EntitySchema: new (options: Record<string, unknown>) => object;
  readonly Entity: Decorate;
  readonly PrimaryColumn: Decorate;
  readonly ManyToMany: Decorate;
  readonly JoinTable: Decorate;
}

interface RelationCase {
  readonly property: string;
  /** Class name of the target; given as `() => Class` unless `byString` is set. */
  readonly target: string;
  /** `@ManyToMany('<this>')`: a target by entity name or given table name. */
  readonly byString?: string;
  /** `@JoinTable(...)` arguments; absent: the inverse side (no @JoinTable). */
  readonly joinTable?: readonly unknown[];
}
interface EntityCase {
  readonly className: string;
  readonly entity: readonly unknown[];
  readonly relations?: readonly RelationCase[];
}
interface JoinCase {
  readonly entities: readonly EntityCase[];
  readonly entityPrefix?: string;
  readonly maxAliasLength?: number | undefined;
}

const TAG: EntityCase = { className: 'Tag', entity: [] };
const JOIN_CASES: readonly JoinCase[] = [
  { entities: [{ className: 'Post', entity: [], relations: [{ property: 'tags', target: 'Tag', joinTable: [] }] }, TAG] },
  { entities: [{ className: 'Post', entity: ['blog_posts'], relations: [{ property: 'labels', target: 'Label', joinTable: [] }] }, { className: 'Label', entity: [{ name: 'labels', schema: 'meta' }] }] },
  { entities: [{ className: 'Post', entity: [{ schema: 'content' }], relations: [{ property: 'tags', target: 'Tag', joinTable: [] }] }, TAG] },
  { entities: [{ className: 'Post', entity: [], relations: [{ property: 'tags', target: 'Tag', joinTable: [{ name: 'post_labels' }] }] }, TAG] },
  { entities: [{ className: 'Post', entity: [{ schema: 'content' }], relations: [{ property: 'tags', target: 'Tag', joinTable: [{ schema: 'links' }] }] }, TAG] },
  { entities: [{ className: 'Post', entity: [], relations: [{ property: 'tags', target: 'Tag', joinTable: [{ name: 'post_labels', schema: 'public' }] }] }, TAG] },
  { entities: [{ className: 'Post', entity: [], relations: [{ property: 'relatedArticles', target: 'Article', joinTable: [] }] }, { className: 'Article', entity: [] }] },
  { entities: [{ className: 'HTTPRequestLog', entity: [], relations: [{ property: 'apiKeys', target: 'APIKey', joinTable: [] }] }, { className: 'APIKey', entity: [] }] },
  { entities: [{ className: 'Category', entity: [], relations: [{ property: 'children', target: 'Category', joinTable: [] }] }] },
  { entities: [{ className: 'Post', entity: [], relations: [{ property: 'tags', target: 'Tag', byString: 'Tag', joinTable: [] }] }, TAG] },
  { entities: [{ className: 'Post', entity: [], relations: [{ property: 'tags', target: 'Tag', byString: 'labels', joinTable: [] }] }, { className: 'Tag', entity: ['labels'] }] },
  {
    entities: [
      { className: 'User', entity: [], relations: [{ property: 'roles', target: 'Role', joinTable: [] }] },
      { className: 'Role', entity: [], relations: [{ property: 'users', target: 'User' }] },
    ],
  },
  { entities: [{ className: 'Post', entity: [], relations: [{ property: 'tags', target: 'Tag', joinTable: [] }] }, TAG], entityPrefix: 'app_' },
  { entities: [{ className: 'Post', entity: ['posts'], relations: [{ property: 'tags', target: 'Tag', joinTable: [{ name: 'post_labels' }] }] }, TAG], entityPrefix: 'app_' },
  {
    entities: [{ className: 'UserProfile', entity: [], relations: [{ property: 'favouriteTags', target: 'TagWithALongName', joinTable: [] }] }, { className: 'TagWithALongName', entity: [] }],
  },
  {
    entities: [{ className: 'UserProfile', entity: [], relations: [{ property: 'favouriteTags', target: 'TagWithALongName', joinTable: [] }] }, { className: 'TagWithALongName', entity: [] }],
    entityPrefix: 'app_',
  },
  {
    entities: [
      { className: 'OrderItemBundle', entity: [], relations: [{ property: 'catalogueProductsOfTheYear', target: 'ProductCatalogueEntry', joinTable: [] }] },
      { className: 'ProductCatalogueEntry', entity: [] },
    ],
  },
  { entities: [{ className: 'Post', entity: [], relations: [{ property: 'tags', target: 'Tag', joinTable: [{ name: 'an_explicit_join_table_name_longer_than_29' }] }] }, TAG] },
];

function sourceOf(testCase: JoinCase): string {
  const args = (values: readonly unknown[]): string => values.map((value) => JSON.stringify(value)).join(', ');
  const classes = testCase.entities.map((entity) => {
    const members = (entity.relations ?? []).map((relation) => {
      const target = relation.byString === undefined ? `() => ${relation.target}` : JSON.stringify(relation.byString);
      const joinTable = relation.joinTable === undefined ? '' : ` @JoinTable(${args(relation.joinTable)})`;
      return `  @ManyToMany(${target})${joinTable} ${relation.property}: ${relation.target}[];\n`;
    });
    return `@Entity(${args(entity.entity)})\nexport class ${entity.className} {\n  @PrimaryColumn() id: number;\n${members.join('')}}\n`;
  });
  return `import { Entity, JoinTable, ManyToMany, PrimaryColumn } from 'typeorm';\n${classes.join('')}`;
}

function declareEntities(orm: TypeormModule, testCase: JoinCase): object[] {
  const classes = new Map(testCase.entities.map((entity) => [entity.className, { [entity.className]: class {} }[entity.className] as new () => object]));
  const classNamed = (name: string): new () => object => {
    const found = classes.get(name);
    if (found === undefined) throw new Error(`no class ${name}`);
    return found;
  };
  for (const entity of testCase.entities) {
    const target = classNamed(entity.className);
    const prototype = target.prototype as object;
    orm.PrimaryColumn({ type: 'int' })(prototype, 'id');
    for (const relation of entity.relations ?? []) {
      orm.ManyToMany(relation.byString ?? (() => classNamed(relation.target)))(prototype, relation.property);
      if (relation.joinTable !== undefined) orm.JoinTable(...relation.joinTable)(prototype, relation.property);
    }
    orm.Entity(...entity.entity)(target);
  }
  return [...classes.values()];
}

type Table = [string, string | undefined];

/** Junction tables TypeORM builds (without a database: the Capacitor driver takes its client as an option). */
async function typeormJunctions(packageName: string, testCase: JoinCase, declare: (orm: TypeormModule) => object[]): Promise<Table[]> {
  const orm = require(packageName) as TypeormModule;
  const globalScope = globalThis as { typeormMetadataArgsStorage?: unknown };
  const saved = globalScope.typeormMetadataArgsStorage;
  delete globalScope.typeormMetadataArgsStorage;
  try {
    const dataSource = new orm.DataSource({ type: 'capacitor', driver: {}, database: 'parity', entityPrefix: testCase.entityPrefix, entities: declare(orm) });
    // The drivers that shorten long junction names differ only by this limit.
    dataSource.driver.maxAliasLength = testCase.maxAliasLength;
    await dataSource.buildMetadatas();
    return dataSource.entityMetadatas.filter((metadata) => metadata.tableType === 'junction').map((metadata): Table => [metadata.tableName, normaliseSchema(metadata.schema)]);
  } finally {
    globalScope.typeormMetadataArgsStorage = saved;
  }
}

/** Every relation table candidate detection and resolution give for the module. */
function ourJunctionCandidates(source: string, entityPrefix: string | undefined): Table[] {
  const inputs: DetectionInputs = { ...DEFAULT_DETECTION_INPUTS, naming: { ...DEFAULT_DETECTION_INPUTS.naming, typeorm: { entityPrefix } } };
  const entities = detectEntities(parseCode(source), inputs);
  return entities.flatMap((entity) => {
    const { tables, skipped } = resolveRelationTables(entities, entity);
    if (skipped.length > 0) throw new Error(`${entity.name}: ${JSON.stringify(skipped)}`);
    return tables.map((table): Table => [table.name, table.schema]);
  });
}

const sorted = (tables: Table[]): Table[] => [...tables].sort((a, b) => a[0].localeCompare(b[0]) || String(a[1]).localeCompare(String(b[1])));
const unique = (tables: Table[]): Table[] => sorted([...new Map(tables.map((table) => [JSON.stringify(table), table])).values()]);

/** No limit (SQLite, CockroachDB, ...), then Oracle's, PostgreSQL/MySQL's and SQL Server/SAP's. */
const MAX_ALIAS_LENGTHS = [undefined, 29, 63, 128];

describe("junction tables equal TypeORM's metadata", () => {
  it('covers default and given names, schemas, string targets, prefixes and shortened names', () => {
    expect(JOIN_CASES.length).toBeGreaterThan(12);
  });

  for (const [version, packageName] of Object.entries(VERSIONS)) {
    it(`decorated entities: the candidates are exactly the junction tables ${version} builds with and without a maxAliasLength`, async () => {
      for (const testCase of JOIN_CASES) {
        const source = sourceOf(testCase);
        const built: Table[] = [];
        // One build at a time: each swaps TypeORM's global metadata storage.
        for (const maxAliasLength of MAX_ALIAS_LENGTHS) {
          built.push(...(await typeormJunctions(packageName, { ...testCase, maxAliasLength }, (orm) => declareEntities(orm, testCase))));
        }
        expect({ source, tables: sorted(ourJunctionCandidates(source, testCase.entityPrefix)) }).toEqual({ source, tables: unique(built) });
      }
    });

    it(`entity schemas: the junction table of a many-to-many relation with joinTable equals ${version}'s`, async () => {
      const schemas = [
        { name: 'Book', tableName: 'books', schema: 'library', relations: { authors: { type: 'many-to-many', target: 'Author', joinTable: true } } },
        { name: 'Author', relations: { books: { type: 'many-to-many', target: 'Book', inverseSide: 'authors' } } },
        { name: 'Shelf', relations: { books: { type: 'many-to-many', target: 'Book', joinTable: { name: 'shelf_contents', schema: 'stock' } } } },
      ];
      const source = `import { EntitySchema } from 'typeorm';\n${schemas.map((schema) => `new EntitySchema(${JSON.stringify(schema)});\n`).join('')}`;
      const theirs = await typeormJunctions(packageName, { entities: [] }, (orm) =>
        schemas.map((schema) => new orm.EntitySchema({ ...schema, columns: { id: { type: Number, primary: true } } })),
      );
      expect(sorted(ourJunctionCandidates(source, undefined))).toEqual(sorted(theirs));
      expect(sorted(theirs)).toEqual([
        ['books_authors_author', 'library'],
        ['shelf_contents', 'stock'],
      ]);
    });
  }
});
