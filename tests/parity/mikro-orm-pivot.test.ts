import {
  Connection,
  DatabaseDriver,
  defineEntity,
  Entity,
  EntitySchema,
  ManyToMany,
  MetadataStorage,
  MikroORM,
  Platform,
  PrimaryKey,
  UnderscoreNamingStrategy,
  type Configuration,
  type EntityMetadata,
} from '@mikro-orm/core';
import { describe, expect, it } from 'vitest';
import { DEFAULT_DETECTION_INPUTS } from '../../src/entities/detectEntities.js';
import { resolveRelationTables } from '../../src/entities/relationTables.js';
import { detectMikroOrmEntities } from '../../src/orm/mikro-orm/detectMikroOrmEntities.js';
import { mikroOrmDefaultPivotTableName } from '../../src/orm/mikro-orm/mikroOrmNaming.js';
import { detectIn } from '../support/parseFixture.js';

// ---------------------------------------------------------------------------------------------
// The naming function, against MikroORM's own.

const strategy = new UnderscoreNamingStrategy();

/** [owner table (meta.tableName), target table, property name]: MetadataDiscovery's arguments. */
const PIVOT_NAMES: readonly (readonly [string, string, string])[] = [
  ['book', 'book_tag', 'tags'],
  ['books', 'tags', 'tags'],
  ['book', 'author', 'coAuthors'],
  ['user_profile', 'tag', 'favouriteTags'],
  ['UserProfile', 'Tag', 'favouriteTags'],
  ['httprequest_log', 'api_key', 'apiKeys'],
  ['HTTPRequestLog', 'APIKey', 'usedAPIKeys'],
  ['category', 'category', 'children'],
  ['order_item', 'product', 'bundleProducts'],
  ['a', 'b', 'c'],
  ['oauth2token', 'scope', 'scopes2'],
  ['Report2024', 'Q1Report', 'linkedReports'],
  ['person', 'movie', 'movies_seen'],
  ['ÄrgerLog', 'CaféOrder', 'caféOrders'],
  ['book', 'tag', 'Tags'],
];

describe("mikroOrmDefaultPivotTableName equals MikroORM's UnderscoreNamingStrategy.joinTableName", () => {
  it('covers more than a dozen name combinations', () => {
    expect(PIVOT_NAMES.length).toBeGreaterThan(12);
  });

  it('matches @mikro-orm/core, which ignores the target', () => {
    const ours = PIVOT_NAMES.map(([owner, , property]) => mikroOrmDefaultPivotTableName(owner, property));
    const theirs = PIVOT_NAMES.map(([owner, target, property]) => strategy.joinTableName(owner, target, property));
    expect(ours).toEqual(theirs);
  });
});

// ---------------------------------------------------------------------------------------------
// Whole entities: the pivot tables MikroORM's metadata discovery builds (without a database),
// against what detection gives.

class ParityPlatform extends Platform {
  override usesPivotTable(): boolean {
    return true;
  }
}
class ParityConnection extends Connection {
  override connect(): Promise<void> {
    return Promise.resolve();
  }
  override isConnected(): Promise<boolean> {
    return Promise.resolve(false);
  }
  override checkConnection(): Promise<{ ok: true } | { ok: false; reason: string; error?: Error }> {
    return Promise.resolve({ ok: false, reason: 'no database in parity tests' });
  }
  override close(): Promise<void> {
    return Promise.resolve();
  }
  override getDefaultClientUrl(): string {
    return '';
  }
  override execute(): Promise<never[]> {
    return Promise.resolve([]);
  }
}
/** A driver that never connects: enough for MikroORM to discover metadata and name pivot tables. */
class ParityDriver extends DatabaseDriver<ParityConnection> {
  protected override readonly connection: ParityConnection;
  protected override readonly platform = new ParityPlatform();
  constructor(config: Configuration) {
    super(config, ['']);
    this.connection = new ParityConnection(config);
  }
  override find(): Promise<never[]> {
    return Promise.resolve([]);
  }
  override findOne(): Promise<null> {
    return Promise.resolve(null);
  }
  override nativeInsert(): Promise<never> {
    return Promise.reject(new Error('no database'));
  }
  override nativeInsertMany(): Promise<never> {
    return Promise.reject(new Error('no database'));
  }
  override nativeUpdate(): Promise<never> {
    return Promise.reject(new Error('no database'));
  }
  override nativeDelete(): Promise<never> {
    return Promise.reject(new Error('no database'));
  }
  override count(): Promise<number> {
    return Promise.resolve(0);
  }
}

type Table = [string, string | undefined];
const sorted = (tables: Table[]): Table[] => [...tables].sort((a, b) => a[0].localeCompare(b[0]) || String(a[1]).localeCompare(String(b[1])));

/** The pivot tables MikroORM builds for these entities (pivot entities the user declared are their own tables). */
async function mikroOrmPivots(entities: readonly (EntitySchema | (abstract new () => object))[], declaredNames: readonly string[]): Promise<Table[]> {
  const orm = await MikroORM.init({ driver: ParityDriver, dbName: 'parity', entities: [...entities], connect: false, discovery: { warnWhenNoEntities: false } });
  const metadata: EntityMetadata[] = Object.values(orm.getMetadata().getAll());
  return metadata.filter((meta) => meta.pivotTable && !declaredNames.includes(meta.className)).map((meta): Table => [meta.tableName, meta.schema]);
}

/** The relation tables detection gives for `source`. */
function ourPivots(source: string): Table[] {
  const entities = detectIn(detectMikroOrmEntities, source, DEFAULT_DETECTION_INPUTS);
  return entities.flatMap((entity) => {
    const { tables, skipped } = resolveRelationTables(entities, entity);
    if (skipped.length > 0) throw new Error(`${entity.name}: ${JSON.stringify(skipped)}`);
    return tables.map((table): Table => [table.name, table.schema]);
  });
}

const ID = { id: { type: 'number', primary: true } };
const TAG = { name: 'BookTag', properties: ID };

/** EntitySchema options, written the same in the source detection reads and at runtime. */
const SCHEMA_CASES: readonly (readonly Record<string, unknown>[])[] = [
  [{ name: 'Book', properties: { ...ID, tags: { kind: 'm:n', entity: 'BookTag' } } }, TAG],
  [{ name: 'Book', tableName: 'books', properties: { ...ID, tags: { kind: 'm:n', entity: 'BookTag' } } }, TAG],
  [{ name: 'Book', schema: 'library', properties: { ...ID, tags: { kind: 'm:n', entity: 'BookTag' } } }, TAG],
  [{ name: 'Book', tableName: 'library.books', properties: { ...ID, tags: { kind: 'm:n', entity: 'BookTag' } } }, TAG],
  [{ name: 'Book', schema: 'library', properties: { ...ID, tags: { kind: 'm:n', entity: 'BookTag', pivotTable: 'book_labels' } } }, TAG],
  [{ name: 'Book', schema: 'library', properties: { ...ID, tags: { kind: 'm:n', entity: 'BookTag', pivotTable: 'links.book_labels' } } }, TAG],
  [{ name: 'UserProfile', properties: { ...ID, favouriteTags: { kind: 'm:n', entity: 'BookTag' } } }, TAG],
  [{ name: 'HTTPRequestLog', properties: { ...ID, usedAPIKeys: { kind: 'm:n', entity: 'BookTag' } } }, TAG],
  [
    { name: 'Book', properties: { ...ID, tags: { kind: 'm:n', entity: 'BookTag', inversedBy: 'books' } } },
    { name: 'BookTag', properties: { ...ID, books: { kind: 'm:n', entity: 'Book', mappedBy: 'tags' } } },
  ],
  [
    { name: 'Book', properties: { ...ID, tags: { kind: 'm:n', entity: 'BookTag', pivotEntity: 'BookToTag' } } },
    TAG,
    { name: 'BookToTag', properties: { book: { kind: 'm:1', entity: 'Book', primary: true }, tag: { kind: 'm:1', entity: 'BookTag', primary: true } } },
  ],
  [{ name: 'Category', properties: { ...ID, children: { kind: 'm:n', entity: 'Category' } } }],
  [{ name: 'Book', properties: { ...ID, tags: { kind: 'm:n', entity: 'BookTag' }, authors: { kind: 'm:n', entity: 'BookTag', pivotTable: 'book_writers' } } }, TAG],
  [
    { name: 'Publication', abstract: true, properties: { ...ID, tags: { kind: 'm:n', entity: 'BookTag' } } },
    { name: 'Magazine', extends: 'Publication', properties: {} },
    TAG,
  ],
];

function schemaSource(schemas: readonly Record<string, unknown>[]): string {
  return `import { EntitySchema } from '@mikro-orm/core';\n${schemas.map((schema, index) => `export const S${index} = new EntitySchema(${JSON.stringify(schema)});\n`).join('')}`;
}

describe("pivot tables equal MikroORM's metadata discovery", () => {
  it('covers default and given names, schemas, both sides, pivot entities and mapped superclasses', () => {
    expect(SCHEMA_CASES.length).toBeGreaterThan(12);
  });

  it('EntitySchema definitions', async () => {
    for (const schemas of SCHEMA_CASES) {
      const source = schemaSource(schemas);
      const theirs = await mikroOrmPivots(
        schemas.map((schema) => new EntitySchema(schema as never)),
        schemas.map((schema) => String(schema.name)),
      );
      expect({ source, tables: sorted(ourPivots(source)) }).toEqual({ source, tables: sorted(theirs) });
    }
  });

  it('decorated classes: @ManyToMany(entity, mappedBy?, options?) and @ManyToMany(options)', async () => {
    MetadataStorage.clear();
    class Tag {}
    class Shelf {}
    class Book {}
    PrimaryKey({ type: 'number' })(Tag.prototype, 'id');
    ManyToMany(() => Book, 'tags' as never)(Tag.prototype, 'books');
    Entity()(Tag);
    PrimaryKey({ type: 'number' })(Shelf.prototype, 'id');
    Entity({ tableName: 'shelves', schema: 'stock' })(Shelf);
    PrimaryKey({ type: 'number' })(Book.prototype, 'id');
    ManyToMany(() => Tag, undefined, { inversedBy: 'books' })(Book.prototype, 'tags');
    ManyToMany({ entity: () => Shelf, pivotTable: 'stock.shelf_books' })(Book.prototype, 'shelves');
    ManyToMany(() => Tag, 'books' as never, { owner: true, pivotTable: 'book_keywords' })(Book.prototype, 'keywords');
    Entity({ tableName: 'books' })(Book);
    const source = `import { Entity, ManyToMany, PrimaryKey, Collection } from '@mikro-orm/core';
@Entity()
export class Tag {
  @PrimaryKey({ type: 'number' }) id!: number;
  @ManyToMany(() => Book, 'tags') books = new Collection<Book>(this);
}
@Entity({ tableName: 'shelves', schema: 'stock' })
export class Shelf {
  @PrimaryKey({ type: 'number' }) id!: number;
}
@Entity({ tableName: 'books' })
export class Book {
  @PrimaryKey({ type: 'number' }) id!: number;
  @ManyToMany(() => Tag, undefined, { inversedBy: 'books' }) tags = new Collection<Tag>(this);
  @ManyToMany({ entity: () => Shelf, pivotTable: 'stock.shelf_books' }) shelves = new Collection<Shelf>(this);
  @ManyToMany(() => Tag, 'books' as never, { owner: true, pivotTable: 'book_keywords' }) keywords = new Collection<Tag>(this);
}
`;
    try {
      const theirs = await mikroOrmPivots([Tag, Shelf, Book], ['Tag', 'Shelf', 'Book']);
      expect(sorted(ourPivots(source))).toEqual(sorted(theirs));
      expect(sorted(theirs)).toEqual([
        ['book_keywords', undefined],
        ['books_tags', undefined],
        ['shelf_books', 'stock'],
      ]);
    } finally {
      MetadataStorage.clear();
    }
  });

  it('defineEntity property builders: p.manyToMany(Target).pivotTable(...) / .owner() / .mappedBy(...)', async () => {
    const Tag = defineEntity({ name: 'Tag', properties: (p) => ({ id: p.integer().primary() }) });
    const Library = defineEntity({
      name: 'Library',
      schema: 'city',
      properties: (p) => ({
        id: p.integer().primary(),
        stock: () => p.manyToMany(Tag).pivotTable('library_stock'),
        topics: p.manyToMany(Tag).owner(),
        labels: p.manyToMany(Tag),
      }),
    });
    const source = `import { defineEntity } from '@mikro-orm/core';
export const Tag = defineEntity({ name: 'Tag', properties: (p) => ({ id: p.integer().primary() }) });
export const Library = defineEntity({
  name: 'Library',
  schema: 'city',
  properties: (p) => ({
    id: p.integer().primary(),
    stock: () => p.manyToMany(Tag).pivotTable('library_stock'),
    topics: p.manyToMany(Tag).owner(),
    labels: p.manyToMany(Tag),
  }),
});
`;
    const theirs = await mikroOrmPivots([Tag, Library], ['Tag', 'Library']);
    expect(sorted(ourPivots(source))).toEqual(sorted(theirs));
    expect(sorted(theirs)).toEqual([
      ['library_labels', 'city'],
      ['library_stock', 'city'],
      ['library_topics', 'city'],
    ]);
  });
});
