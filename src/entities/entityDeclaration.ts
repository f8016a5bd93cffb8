import type { TSESTree } from '@typescript-eslint/utils';
import type { TableRef } from '../schema/tableRef.js';
import type { OrmName } from '../settings/settingsShape.js';
import type { RelationTable } from './relationTables.js';

/**
 * What a declaration maps to: its own `table`, a `view`, or nothing of its own (`child`, e.g.
 * TypeORM `@ChildEntity` in single-table inheritance).
 */
export type EntityKind = 'table' | 'view' | 'child';

/** The table an entity maps to, or why it cannot be told statically (never guessed). */
export type EntityTableName =
  | { readonly resolved: true; readonly table: TableRef; readonly source: 'explicit' | 'naming-strategy' }
  | { readonly resolved: false; readonly reason: string };

/** One ORM entity/model declaration found in a file. Plain data: no AST nodes are kept. */
export interface EntityDeclaration {
  readonly orm: OrmName;
  readonly kind: EntityKind;
  /** The class (or model) name, for messages. */
  readonly name: string;
  readonly tableName: EntityTableName;
  /** Where to report "this entity": the class name, or the declaration when anonymous. */
  readonly loc: TSESTree.SourceLocation;
  /** Where to report things about the table: the node that gives the name, else `loc`. */
  readonly tableNameLoc: TSESTree.SourceLocation;
  /**
   * Other tables the ORM needs for this declaration to work, e.g. the `<table>_closure` table of a
   * TypeORM `@Tree('closure-table')`. Checked like the main table.
   */
  readonly extraTables?: readonly { readonly table: TableRef; readonly role: string }[] | undefined;
  /** Tables the ORM manages for this entity's relations (join/pivot tables), named or derived later from the target entity. */
  readonly relationTables?: readonly RelationTable[] | undefined;
}
