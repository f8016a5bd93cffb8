import { describe, expect, it } from 'vitest';
import { DEFAULT_NAMING } from '../../src/entities/detectionContext.js';
import { DEFAULT_DETECTION_INPUTS, type DetectionInputs } from '../../src/entities/detectEntities.js';
import type { EntityDeclaration } from '../../src/entities/entityDeclaration.js';
import { resolveRelationTables, type RelationEntity, type RelationTable } from '../../src/entities/relationTables.js';
import { detectMikroOrmEntities } from '../../src/orm/mikro-orm/detectMikroOrmEntities.js';
import { detectObjectionModels } from '../../src/orm/objection/detectObjectionModels.js';
import { detectTypeormEntities } from '../../src/orm/typeorm/detectTypeormEntities.js';
import { entitiesMapping } from '../../src/project/lintedMigration.js';
import type { IndexedEntity } from '../../src/project/projectIndex.js';
import { detectIn, table } from '../support/parseFixture.js';

/** Each declaration's name with its relation tables (`undefined` when it has none). */
function relationsOf(entities: readonly EntityDeclaration[]): { name: string; relationTables: readonly RelationTable[] | undefined }[] {
  return entities.map((entity) => ({ name: entity.name, relationTables: entity.relationTables }));
}

const withPrefix = (entityPrefix: string): DetectionInputs => ({ ...DEFAULT_DETECTION_INPUTS, naming: { ...DEFAULT_NAMING, typeorm: { entityPrefix } } });

function join(fields: Partial<Omit<Extract<RelationTable, { kind: 'typeorm-join' }>, 'kind'>> & { property: string }): RelationTable {
  return { kind: 'typeorm-join', name: undefined, ownerTable: undefined, target: undefined, schema: undefined, entityPrefix: undefined, ...fields };
}

describe('TypeORM detector: junction tables of owning many-to-many relations', () => {
  it('records @ManyToMany + @JoinTable members with their target, owner table and schema; the inverse side has none', () => {
    const code = `import { Entity, JoinTable, ManyToMany, OneToMany } from 'typeorm';
import { Tag as Label } from './tag';
import * as models from './models';
@Entity({ name: 'posts', schema: 'blog' })
export class Post {
  @ManyToMany(() => Label, (label) => label.posts) @JoinTable() tags: Label[];
  @ManyToMany('Category') @JoinTable({ name: 'post_categories' }) categories: unknown[];
  @ManyToMany((type) => models.Author) @JoinTable({ schema: 'people' }) 'authors': unknown[];
  @ManyToMany(() => Post) @JoinTable({ name: 'related', schema: 'public' }) related: Post[];
  @ManyToMany(() => Label) inverse: Label[];
  @OneToMany(() => Label, (label) => label.post) @JoinTable() notManyToMany: Label[];
}
`;
    expect(relationsOf(detectIn(detectTypeormEntities, code))).toEqual([
      {
        name: 'Post',
        relationTables: [
          join({ property: 'tags', ownerTable: 'posts', target: { name: 'Tag', byString: false }, schema: 'blog' }),
          join({ property: 'categories', name: 'post_categories', ownerTable: 'posts', target: { name: 'Category', byString: true }, schema: 'blog' }),
          join({ property: 'authors', ownerTable: 'posts', target: { name: 'Author', byString: false }, schema: 'people' }),
          join({ property: 'related', name: 'related', ownerTable: 'posts', target: { name: 'Post', byString: false }, schema: 'public' }),
        ],
      },
    ]);
  });

  it('records the DataSource entityPrefix, and leaves the owner table unprefixed (TypeORM passes tableNameWithoutPrefix)', () => {
    const code = "import { Entity, JoinTable, ManyToMany } from 'typeorm';\n@Entity() export class Post { @ManyToMany(() => Post) @JoinTable() tags: Post[]; }\n";
    const [post] = detectIn(detectTypeormEntities, code, withPrefix('app_'));
    expect(post?.relationTables).toEqual([join({ property: 'tags', ownerTable: 'post', target: { name: 'Post', byString: false }, entityPrefix: 'app_' })]);
  });

  it('does not guess: unreadable @JoinTable options, names and schemas, default-imported targets', () => {
    const code = `import { Entity, JoinTable, ManyToMany } from 'typeorm';
import Tag from './tag';
const OPTIONS = loadOptions();
@Entity()
export class Post {
  @ManyToMany(() => Tag) @JoinTable() tags: Tag[];
  @ManyToMany(() => Tag) @JoinTable(OPTIONS) a: Tag[];
  @ManyToMany(() => Tag) @JoinTable({ name: process.env.JOIN }) b: Tag[];
  @ManyToMany(() => Tag) @JoinTable({ name: '' }) c: Tag[];
  @ManyToMany(() => Tag) @JoinTable({ schema: tenant() }) d: Tag[];
  @ManyToMany(() => Tag) @JoinTable({ schema: '' }) e: Tag[];
}
`;
    const [post] = detectIn(detectTypeormEntities, code);
    expect(post?.relationTables).toEqual([
      join({ property: 'tags', ownerTable: 'post' }),
      { kind: 'unresolved', property: 'a', reason: 'its @JoinTable options are not a literal object in this file' },
      { kind: 'unresolved', property: 'b', reason: 'its join table name is computed at runtime' },
      { kind: 'unresolved', property: 'c', reason: 'its join table name is empty, which TypeORM 0.3 and 1.x read differently' },
      { kind: 'unresolved', property: 'd', reason: 'its join table schema is computed at runtime' },
      { kind: 'unresolved', property: 'e', reason: 'its join table schema is empty, which TypeORM 0.3 and 1.x read differently' },
    ]);
  });

  it("a single-table-inheritance child's junction table is told only when both its name and schema are given", () => {
    const code = `import { ChildEntity, JoinTable, ManyToMany } from 'typeorm';
import { Tag } from './tag';
@ChildEntity()
export class Admin {
  @ManyToMany(() => Tag) @JoinTable() tags: Tag[];
  @ManyToMany(() => Tag) @JoinTable({ name: 'admin_scopes', schema: 'auth' }) scopes: Tag[];
}
`;
    expect(relationsOf(detectIn(detectTypeormEntities, code))).toEqual([
      {
        name: 'Admin',
        relationTables: [
          { kind: 'unresolved', property: 'tags', reason: "its join table is in the owning entity's schema, which cannot be read statically" },
          join({ property: 'scopes', name: 'admin_scopes', target: { name: 'Tag', byString: false }, schema: 'auth' }),
        ],
      },
    ]);
  });

  it('reads member decorators of compiled JavaScript (tsc CommonJS)', () => {
    const code = `"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.Post = void 0;
const typeorm_1 = require("typeorm");
const tag_entity_1 = require("./tag.entity");
let Post = class Post {
};
exports.Post = Post;
__decorate([
    (0, typeorm_1.ManyToMany)(() => tag_entity_1.Tag),
    (0, typeorm_1.JoinTable)({ name: "post_labels" }),
    __metadata("design:type", Array)
], Post.prototype, "labels", void 0);
__decorate([
    (0, typeorm_1.ManyToMany)(() => tag_entity_1.Tag),
    (0, typeorm_1.JoinTable)(),
    __metadata("design:type", Array)
], Post.prototype, "tags", void 0);
exports.Post = Post = __decorate([
    (0, typeorm_1.Entity)()
], Post);
`;
    expect(relationsOf(detectIn(detectTypeormEntities, code))).toEqual([
      {
        name: 'Post',
        relationTables: [
          join({ property: 'labels', name: 'post_labels', ownerTable: 'post', target: { name: 'Tag', byString: false } }),
          join({ property: 'tags', ownerTable: 'post', target: { name: 'Tag', byString: false } }),
        ],
      },
    ]);
  });

  it('reads EntitySchema relations with a truthy joinTable', () => {
    const code = `import { EntitySchema } from 'typeorm';
class Category {}
export const BookSchema = new EntitySchema({
  name: 'Book',
  tableName: 'books',
  relations: {
    authors: { type: 'many-to-many', target: 'Author', joinTable: true },
    shelves: { type: 'many-to-many', target: 'Shelf', joinTable: { name: 'shelf_books', schema: 'stock' } },
    categories: { type: 'many-to-many', target: Category, joinTable: {} },
    readers: { type: 'many-to-many', target: 'Reader', inverseSide: 'books' },
    editors: { type: 'many-to-many', target: 'Editor', joinTable: false },
    publisher: { type: 'many-to-one', target: 'Publisher', joinColumn: true },
  },
});
`;
    expect(relationsOf(detectIn(detectTypeormEntities, code))).toEqual([
      {
        name: 'Book',
        relationTables: [
          join({ property: 'authors', ownerTable: 'books', target: { name: 'Author', byString: true } }),
          join({ property: 'shelves', name: 'shelf_books', ownerTable: 'books', target: { name: 'Shelf', byString: true }, schema: 'stock' }),
          join({ property: 'categories', ownerTable: 'books', target: { name: 'Category', byString: false } }),
        ],
      },
    ]);
  });

  it('gives entities without owning many-to-many relations no relationTables at all', () => {
    const code = "import { Entity, ManyToMany } from 'typeorm';\n@Entity() export class Tag { @ManyToMany(() => Tag, (tag) => tag.tags) tags: Tag[]; }\n";
    const [tag] = detectIn(detectTypeormEntities, code);
    expect(tag !== undefined && 'relationTables' in tag).toBe(false);
  });
});

describe('resolveRelationTables', () => {
  const entity = (name: string, tableName: string | undefined, fields: Partial<RelationEntity> = {}): RelationEntity => ({
    name,
    orm: 'typeorm',
    kind: 'table',
    tableName: tableName === undefined ? { resolved: false, reason: 'computed' } : { resolved: true, table: table(tableName), source: 'explicit' },
    ...fields,
  });

  it("names a default junction table after the owner's and the target's tables, found by class name or by string", () => {
    const tag = entity('Tag', 'labels');
    const post = entity('Post', 'posts', {
      relationTables: [
        join({ property: 'tags', ownerTable: 'posts', target: { name: 'Tag', byString: false }, schema: 'blog' }),
        join({ property: 'byName', ownerTable: 'posts', target: { name: 'Tag', byString: true } }),
        join({ property: 'byTable', ownerTable: 'posts', target: { name: 'labels', byString: true } }),
      ],
    });
    expect(resolveRelationTables([post, tag], post)).toEqual({
      tables: [table('posts_tags_labels', 'blog'), table('posts_by_name_labels'), table('posts_by_table_labels')],
      skipped: [],
    });
  });

  it('matches a given table name only by string (TypeORM compares `givenTableName` with string targets)', () => {
    const post = entity('Post', 'posts', { relationTables: [join({ property: 'tags', ownerTable: 'posts', target: { name: 'labels', byString: false } })] });
    expect(resolveRelationTables([post, entity('Tag', 'labels')], post)).toEqual({
      tables: [],
      skipped: [{ property: 'tags', reason: "its target 'labels' is not among the TypeORM entities of the models" }],
    });
  });

  it('strips the entityPrefix from the target table and puts it before the junction name', () => {
    const post = entity('Post', 'app_post', { relationTables: [join({ property: 'tags', ownerTable: 'post', target: { name: 'Tag', byString: false }, entityPrefix: 'app_' })] });
    const tag = entity('Tag', 'app_tag');
    const named = entity('Page', 'app_page', { relationTables: [join({ property: 'tags', name: 'page_labels', entityPrefix: 'app_' })] });
    expect(resolveRelationTables([post, tag], post).tables).toEqual([table('app_post_tags_tag')]);
    expect(resolveRelationTables([post, tag], named).tables).toEqual([table('app_page_labels')]);
  });

  it('gives a name longer than the smallest maxAliasLength with its shortened twin', () => {
    const profile = entity('UserProfile', 'user_profile', {
      relationTables: [join({ property: 'favouriteTags', ownerTable: 'user_profile', target: { name: 'Tag', byString: false } })],
    });
    expect(resolveRelationTables([profile, entity('Tag', 'tag')], profile).tables).toEqual([table('user_profile_favourite_tags_tag'), table('use_pro_fav_tag_tag')]);
  });

  it('skips, with a reason, targets it cannot find or whose table is unknown, and unresolved relations; keeps named tables', () => {
    const owner = entity('Post', 'posts', {
      relationTables: [
        join({ property: 'a', ownerTable: 'posts', target: { name: 'Missing', byString: false } }),
        join({ property: 'b', ownerTable: 'posts', target: { name: 'Dynamic', byString: false } }),
        join({ property: 'c', ownerTable: 'posts' }),
        join({ property: 'd', target: { name: 'Dynamic', byString: false } }),
        { kind: 'unresolved', property: 'e', reason: 'its join table name is computed at runtime' },
        { kind: 'named', property: 'f', table: table('post_links', 'blog') },
        { kind: 'named', property: 'g', table: table('post_links', 'blog') },
      ],
    });
    const mikroOrmNamesake = entity('Missing', 'missing', { orm: 'mikro-orm' });
    expect(resolveRelationTables([owner, entity('Dynamic', undefined), mikroOrmNamesake], owner)).toEqual({
      tables: [table('post_links', 'blog')],
      skipped: [
        { property: 'a', reason: "its target 'Missing' is not among the TypeORM entities of the models" },
        { property: 'b', reason: "the table of its target 'Dynamic' cannot be read statically" },
        { property: 'c', reason: 'its target entity cannot be read statically' },
        { property: 'd', reason: "the owning entity's table cannot be read statically" },
        { property: 'e', reason: 'its join table name is computed at runtime' },
      ],
    });
  });

  it('entitiesMapping counts relation tables as mapped, also for an entity whose own table is unknown', () => {
    const loc = { start: { line: 1, column: 0 }, end: { line: 1, column: 4 } };
    const post: IndexedEntity = {
      orm: 'typeorm',
      kind: 'table',
      name: 'Post',
      tableName: { resolved: false, reason: 'computed' },
      loc,
      tableNameLoc: loc,
      file: 'src/models/Post.ts',
      relationTables: [join({ property: 'tags', name: 'post_tags', schema: 'blog' })],
    };
    const entities = [post];
    expect(entitiesMapping(entities, table('post_tags', 'blog'), 'table')).toEqual([post]);
    expect(entitiesMapping(entities, table('post_tags'), 'table')).toEqual([]);
    expect(entitiesMapping(entities, table('post_tags', 'blog'), 'view')).toEqual([]);
  });
});

describe('MikroORM detector: pivot tables of owning many-to-many properties', () => {
  it('names them in the detector: pivotTable, else UnderscoreNamingStrategy.joinTableName(owner table, property)', () => {
    const code = `import { Collection, Entity, ManyToMany } from '@mikro-orm/core';
@Entity({ tableName: 'books', schema: 'library' })
export class Book {
  @ManyToMany(() => BookTag) tags = new Collection<BookTag>(this);
  @ManyToMany({ entity: () => Author, pivotTable: 'book_writers' }) authors = new Collection<Author>(this);
  @ManyToMany({ entity: () => Shelf, pivotTable: 'stock.shelf_books' }) shelves = new Collection<Shelf>(this);
  @ManyToMany(() => Reader, 'books', { owner: true }) favouriteReaders = new Collection<Reader>(this);
  @ManyToMany(() => Genre, undefined, { inversedBy: 'books' }) genres = new Collection<Genre>(this);
  @ManyToMany(() => Series, (series) => series.books) series = new Collection<Series>(this);
  @ManyToMany({ entity: () => Award, mappedBy: 'books' }) awards = new Collection<Award>(this);
  @ManyToMany({ entity: () => Topic, pivotEntity: () => BookTopic }) topics = new Collection<Topic>(this);
}
`;
    expect(relationsOf(detectIn(detectMikroOrmEntities, code))).toEqual([
      {
        name: 'Book',
        relationTables: [
          { kind: 'named', property: 'tags', table: table('books_tags', 'library') },
          { kind: 'named', property: 'authors', table: table('book_writers', 'library') },
          { kind: 'named', property: 'shelves', table: table('shelf_books', 'stock') },
          { kind: 'named', property: 'favouriteReaders', table: table('books_favourite_readers', 'library') },
          { kind: 'named', property: 'genres', table: table('books_genres', 'library') },
        ],
      },
    ]);
  });

  it('reads EntitySchema and defineEntity properties, and inherits those of a same-module mapped superclass', () => {
    const code = `import { defineEntity, EntitySchema, ReferenceKind } from '@mikro-orm/core';
export const Base = new EntitySchema({ name: 'Base', abstract: true, properties: { tags: { kind: 'm:n', entity: 'Tag' } } });
export const Article = new EntitySchema({ name: 'Article', extends: Base, properties: { topics: { kind: ReferenceKind.MANY_TO_MANY, entity: 'Topic', pivotTable: 'article_subjects' } } });
export const Library = defineEntity({
  name: 'Library',
  properties: (p) => ({
    stock: () => p.manyToMany(Book).pivotTable('library_stock'),
    readers: p.manyToMany(Reader).mappedBy('libraries'),
    staff: p.manyToMany(Person).mappedBy('libraries').owner(),
  }),
});
`;
    expect(relationsOf(detectIn(detectMikroOrmEntities, code))).toEqual([
      {
        name: 'Article',
        relationTables: [
          { kind: 'named', property: 'topics', table: table('article_subjects') },
          { kind: 'named', property: 'tags', table: table('article_tags') },
        ],
      },
      {
        name: 'Library',
        relationTables: [
          { kind: 'named', property: 'stock', table: table('library_stock') },
          { kind: 'named', property: 'staff', table: table('library_staff') },
        ],
      },
    ]);
  });

  it('does not guess: computed pivot names, unreadable options or ownership, unknown owner tables', () => {
    const code = `import { Collection, Entity, ManyToMany } from '@mikro-orm/core';
const OPTIONS = load();
@Entity({ tableName: process.env.TABLE })
export class Book {
  @ManyToMany(() => Tag) tags = new Collection<Tag>(this);
  @ManyToMany({ entity: () => Tag, pivotTable: 'book_labels' }) labels = new Collection<Tag>(this);
  @ManyToMany({ entity: () => Tag, pivotTable: 'x.book_marks' }) marks = new Collection<Tag>(this);
  @ManyToMany({ entity: () => Tag, pivotTable: pivotName() }) a = new Collection<Tag>(this);
  @ManyToMany(() => Tag, undefined, OPTIONS) b = new Collection<Tag>(this);
  @ManyToMany({ entity: () => Tag, mappedBy: 'books', owner: isOwner }) c = new Collection<Tag>(this);
  @ManyToMany({ ...OPTIONS, entity: () => Tag }) d = new Collection<Tag>(this);
}
`;
    expect(relationsOf(detectIn(detectMikroOrmEntities, code))).toEqual([
      {
        name: 'Book',
        relationTables: [
          { kind: 'unresolved', property: 'tags', reason: "its pivot table is named after the owning entity's table, which cannot be read statically" },
          { kind: 'unresolved', property: 'labels', reason: "its pivot table is in the owning entity's schema, which cannot be read statically" },
          { kind: 'named', property: 'marks', table: table('book_marks', 'x') },
          { kind: 'unresolved', property: 'a', reason: 'its pivot table name is computed at runtime' },
          { kind: 'unresolved', property: 'b', reason: 'its @ManyToMany options are not a literal object in this file' },
          { kind: 'unresolved', property: 'c', reason: 'whether it is the owning side is decided at runtime' },
          { kind: 'unresolved', property: 'd', reason: 'its relation options are spread from another object' },
        ],
      },
    ]);
  });
});

describe('Objection detector: join.through tables', () => {
  it('reads relationMappings as a static object, getter (with requires before the return), method or arrow', () => {
    const code = `const { Model } = require('objection');
class Person extends Model {
  static tableName = 'persons';
  static get relationMappings() {
    const Movie = require('./Movie');
    return {
      movies: { relation: Model.ManyToManyRelation, modelClass: Movie, join: { from: 'persons.id', through: { from: 'persons_movies.personId', to: 'persons_movies.movieId' }, to: 'movies.id' } },
      pets: { relation: Model.HasManyRelation, modelClass: 'Pet', join: { from: 'persons.id', to: 'pets.ownerId' } },
    };
  }
}
class Movie extends Model {
  static tableName = 'movies';
  static relationMappings = () => ({
    awards: { relation: Model.ManyToManyRelation, modelClass: 'Award', join: { from: 'movies.id', through: { from: ['catalog.movie_awards.movieId', 'catalog.movie_awards.year'], to: 'catalog.movie_awards.awardId' }, to: 'awards.id' } },
    studio: { relation: Model.HasOneThroughRelation, modelClass: 'Studio', join: { from: 'movies.id', through: { from: 'movie_studios.movieId:meta.id', to: 'movie_studios.studioId' }, to: 'studios.id' } },
  });
}
class Award extends Model {
  static tableName = 'awards';
  static relationMappings = {
    movies: { relation: Model.ManyToManyRelation, modelClass: 'Movie', join: { from: 'awards.id', through: { modelClass: 'MovieAward', from: 'movie_awards.awardId', to: 'movie_awards.movieId' }, to: 'movies.id' } },
    juries: { relation: Model.ManyToManyRelation, modelClass: 'Jury', join: { from: 'awards.id', through: { from: throughTable() + '.awardId', to: 'x.juryId' }, to: 'juries.id' } },
  };
}
module.exports = { Person, Movie, Award };
`;
    expect(relationsOf(detectIn(detectObjectionModels, code))).toEqual([
      { name: 'Person', relationTables: [{ kind: 'named', property: 'movies', table: table('persons_movies') }] },
      {
        name: 'Movie',
        relationTables: [
          { kind: 'named', property: 'awards', table: table('movie_awards', 'catalog') },
          { kind: 'named', property: 'studio', table: table('movie_studios') },
        ],
      },
      { name: 'Award', relationTables: [{ kind: 'unresolved', property: 'juries', reason: 'its join.through table is computed at runtime' }] },
    ]);
  });
});
