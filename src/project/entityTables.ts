import type { TableRef } from '../schema/tableRef.js';
import type { IndexedEntity } from './projectIndex.js';

/** Case-folded schema and name: `tableRefsMatch` can only hold between refs with the same key. */
function tableKey(ref: TableRef): string {
  return `${ref.schema?.toLowerCase() ?? ''}\u0000${ref.name.toLowerCase()}`;
}

// Built once per entity list (the index keeps a list while it is current), so checking each
// linted entity against the scope costs a lookup, not a pass over every entity.
const entitiesByKey = new WeakMap<readonly IndexedEntity[], ReadonlyMap<string, readonly IndexedEntity[]>>();

/**
 * The entities of `entities` (in their order) whose own table may be `table`: a superset of those
 * whose table `tableRefsMatch` it. Child entities and unresolved names have no table here.
 */
export function entitiesWithTableLike(entities: readonly IndexedEntity[], table: TableRef): readonly IndexedEntity[] {
  let byKey = entitiesByKey.get(entities);
  if (byKey === undefined) {
    const built = new Map<string, IndexedEntity[]>();
    for (const entity of entities) {
      if (entity.kind === 'child' || !entity.tableName.resolved) continue;
      const key = tableKey(entity.tableName.table);
      const bucket = built.get(key);
      if (bucket === undefined) built.set(key, [entity]);
      else bucket.push(entity);
    }
    byKey = built;
    entitiesByKey.set(entities, byKey);
  }
  return byKey.get(tableKey(table)) ?? [];
}
