import { typeormJoinTableName, typeormJunctionTableNames } from '../orm/typeorm/typeormJoinNaming.js';
import { createTableRef, tableRefsMatch, type TableRef } from '../schema/tableRef.js';
import type { OrmName } from '../settings/settingsShape.js';
import type { EntityDeclaration, EntityKind, EntityTableName } from './entityDeclaration.js';

/**
 * A join/pivot table whose name the declaring module tells by itself: an explicit name (MikroORM
 * `pivotTable`, Objection `join.through`), or a default that depends on the declaring entity only
 * (MikroORM's `UnderscoreNamingStrategy.joinTableName` ignores the target).
 */
export interface NamedRelationTable {
  readonly kind: 'named';
  /** The relation property, for messages. */
  readonly property: string;
  readonly table: TableRef;
}

/** The target of a TypeORM relation, as TypeORM finds its metadata (EntityMetadataBuilder.computeInverseProperties). */
export interface TypeormRelationTarget {
  /**
   * The class name for a class reference (`() => Tag`, matched by `m.target === Tag`), else the
   * string given (`'Tag'`, matched against the entity's target name or its given table name).
   */
  readonly name: string;
  readonly byString: boolean;
}

/**
 * The junction table of a TypeORM `@ManyToMany` + `@JoinTable` (or an EntitySchema relation with
 * `joinTable`), as JunctionEntityMetadataBuilder.build names it: `joinTable.name ??
 * joinTableName(owner.tableNameWithoutPrefix, target.tableNameWithoutPrefix, propertyPath)`, in
 * `joinTable.schema ?? owner.schema`, then shortened past the driver's `maxAliasLength` and
 * prefixed with the DataSource's `entityPrefix`. The target's table lives in another module: it
 * is resolved with all entities of the scope (`resolveRelationTables`).
 */
export interface TypeormJoinTable {
  readonly kind: 'typeorm-join';
  /** The owning relation's `propertyPath`. */
  readonly property: string;
  /** `@JoinTable({ name })`; `undefined` for the naming strategy's name. */
  readonly name: string | undefined;
  /** The owner's `tableNameWithoutPrefix`; `undefined` when it cannot be read (only a given name resolves then). */
  readonly ownerTable: string | undefined;
  /** `undefined` when the target cannot be read (only a given name resolves then). */
  readonly target: TypeormRelationTarget | undefined;
  readonly schema: string | undefined;
  /** The DataSource's `entityPrefix` the declaring module was read with. */
  readonly entityPrefix: string | undefined;
}

/** A relation table the ORM manages but whose name cannot be told statically (never guessed). */
export interface UnresolvedRelationTable {
  readonly kind: 'unresolved';
  readonly property: string;
  readonly reason: string;
}

export type RelationTable = NamedRelationTable | TypeormJoinTable | UnresolvedRelationTable;

/** What resolving needs to know of each entity of the scope. */
export interface RelationEntity {
  readonly name: string;
  readonly orm: OrmName;
  readonly kind?: EntityKind | undefined;
  readonly tableName: EntityTableName;
  readonly relationTables?: readonly RelationTable[] | undefined;
}

export interface SkippedRelationTable {
  readonly property: string;
  readonly reason: string;
}

export interface ResolvedRelationTables {
  /** Every table the entity's relations can use; a junction table long enough to be shortened by some driver has both names. */
  readonly tables: TableRef[];
  /** Relations whose table cannot be told (unreadable names, targets not among the entities). */
  readonly skipped: SkippedRelationTable[];
}

/** TypeORM entities by the names a relation target can use, per entity list and prefix (the project index keeps a list while it is current). */
const typeormTargetIndexes = new WeakMap<readonly RelationEntity[], Map<string, Map<string, RelationEntity[]>>>();

function withoutPrefix(name: string, prefix: string | undefined): string {
  return prefix !== undefined && prefix !== '' && name.startsWith(prefix) ? name.slice(prefix.length) : name;
}

function addTo(index: Map<string, RelationEntity[]>, key: string, entity: RelationEntity): void {
  const list = index.get(key);
  if (list === undefined) index.set(key, [entity]);
  else if (!list.includes(entity)) list.push(entity);
}

/**
 * `class:Name` for class references; `string:Name` for strings, which TypeORM matches against the
 * target name and the table name given to `@Entity` (`givenTableName`, unprefixed).
 */
function typeormTargetIndex(entities: readonly RelationEntity[], prefix: string | undefined): Map<string, RelationEntity[]> {
  const byPrefix = typeormTargetIndexes.get(entities) ?? new Map<string, Map<string, RelationEntity[]>>();
  typeormTargetIndexes.set(entities, byPrefix);
  const cached = byPrefix.get(prefix ?? '');
  if (cached !== undefined) return cached;
  const index = new Map<string, RelationEntity[]>();
  for (const entity of entities) {
    if (entity.orm !== 'typeorm') continue;
    addTo(index, `class:${entity.name}`, entity);
    addTo(index, `string:${entity.name}`, entity);
    if (entity.tableName.resolved && entity.tableName.source === 'explicit') {
      addTo(index, `string:${withoutPrefix(entity.tableName.table.name, prefix)}`, entity);
    }
  }
  byPrefix.set(prefix ?? '', index);
  return index;
}

function resolveTypeormJoin(entities: readonly RelationEntity[], relation: TypeormJoinTable, skipped: SkippedRelationTable[]): TableRef[] {
  const prefix = relation.entityPrefix ?? '';
  const tablesNamed = (name: string): TableRef[] =>
    typeormJunctionTableNames(name).map((candidate) => createTableRef(`${prefix}${candidate}`, { schema: relation.schema }));
  if (relation.name !== undefined) return tablesNamed(relation.name);
  const skip = (reason: string): TableRef[] => {
    skipped.push({ property: relation.property, reason });
    return [];
  };
  if (relation.ownerTable === undefined) return skip("the owning entity's table cannot be read statically");
  if (relation.target === undefined) return skip('its target entity cannot be read statically');
  const key = `${relation.target.byString ? 'string' : 'class'}:${relation.target.name}`;
  const targets = typeormTargetIndex(entities, relation.entityPrefix).get(key) ?? [];
  if (targets.length === 0) return skip(`its target '${relation.target.name}' is not among the TypeORM entities of the models`);
  // Several entities of that name: each one's junction table is possible.
  const names = new Set<string>();
  for (const target of targets) {
    if (!target.tableName.resolved) {
      skip(`the table of its target '${relation.target.name}' cannot be read statically`);
      continue;
    }
    names.add(typeormJoinTableName(relation.ownerTable, withoutPrefix(target.tableName.table.name, relation.entityPrefix), relation.property));
  }
  return [...names].flatMap(tablesNamed);
}

/**
 * The join/pivot tables of one entity's relations, resolving TypeORM targets by name among
 * `entities` (the scope's entities: TypeORM finds targets among all registered ones). Targets
 * that are not there, or whose table cannot be read, are skipped with a reason.
 */
export function resolveRelationTables(entities: readonly RelationEntity[], entity: Pick<RelationEntity, 'relationTables'>): ResolvedRelationTables {
  const tables: TableRef[] = [];
  const skipped: SkippedRelationTable[] = [];
  for (const relation of entity.relationTables ?? []) {
    let found: TableRef[];
    if (relation.kind === 'named') found = [relation.table];
    else if (relation.kind === 'typeorm-join') found = resolveTypeormJoin(entities, relation, skipped);
    else {
      skipped.push({ property: relation.property, reason: relation.reason });
      found = [];
    }
    for (const table of found) if (!tables.some((known) => tableRefsMatch(known, table) && known.quoted === table.quoted)) tables.push(table);
  }
  return { tables, skipped };
}

/** `relationTables` only when there are some, so declarations without relations stay as they were. */
export function withRelationTables(relationTables: readonly RelationTable[]): Pick<EntityDeclaration, 'relationTables'> {
  return relationTables.length === 0 ? {} : { relationTables };
}
