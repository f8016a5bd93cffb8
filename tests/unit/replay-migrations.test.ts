import { describe, expect, it } from 'vitest';
import type { MigrationEvent } from '../../src/schema/ddlEvent.js';
import { replayMigrations } from '../../src/schema/replayMigrations.js';
import { createTableRef, type TableRef } from '../../src/schema/tableRef.js';

const t = (name: string, schema?: string, quoted = true): TableRef => createTableRef(name, { schema, quoted });
const create = (table: TableRef, line: number): MigrationEvent => ({ kind: 'create-table', table, line });
const drop = (table: TableRef, line: number): MigrationEvent => ({ kind: 'drop-table', table, line });
const rename = (table: TableRef, to: TableRef, line: number): MigrationEvent => ({ kind: 'rename-table', table, to, line });

describe('replayMigrations', () => {
  it('keeps created tables and remembers where they were created', () => {
    const schema = replayMigrations([{ file: 'm/1.sql', events: [create(t('users'), 3)] }]);
    expect(schema.findTable(t('users'))?.createdAt).toEqual({ file: 'm/1.sql', line: 3 });
  });

  it('explains a table that was never created', () => {
    const schema = replayMigrations([{ file: 'm/1.sql', events: [create(t('users'), 1)] }]);
    expect(schema.findTable(t('orders'))).toBeUndefined();
    expect(schema.explainAbsence(t('orders'))).toEqual({ kind: 'never-created' });
  });

  it('a drop in a later migration removes the table and says where', () => {
    const schema = replayMigrations([
      { file: 'm/1.sql', events: [create(t('users'), 1)] },
      { file: 'm/2.sql', events: [drop(t('users'), 7)] },
    ]);
    expect(schema.findTable(t('users'))).toBeUndefined();
    expect(schema.explainAbsence(t('users'))).toEqual({ kind: 'dropped', at: { file: 'm/2.sql', line: 7 } });
  });

  it('drop and re-create ends with the table present', () => {
    const schema = replayMigrations([
      { file: 'm/1.sql', events: [create(t('users'), 1)] },
      { file: 'm/2.sql', events: [drop(t('users'), 1), create(t('users'), 2)] },
    ]);
    expect(schema.findTable(t('users'))?.createdAt).toEqual({ file: 'm/2.sql', line: 2 });
  });

  it('an SQLite-style rebuild (create new, drop old, rename new to old) ends with the table present', () => {
    const schema = replayMigrations([
      { file: 'm/1.sql', events: [create(t('users'), 1)] },
      { file: 'm/2.sql', events: [create(t('__new_users'), 1), drop(t('users'), 3), rename(t('__new_users'), t('users'), 4)] },
    ]);
    expect(schema.findTable(t('users'))).toBeDefined();
    expect(schema.findTable(t('__new_users'))).toBeUndefined();
  });

  it('a rename away leaves the old name absent with the new name in the explanation', () => {
    const schema = replayMigrations([
      { file: 'm/1.sql', events: [create(t('invoices'), 1)] },
      { file: 'm/2.sql', events: [rename(t('invoices'), t('bills'), 5)] },
    ]);
    expect(schema.explainAbsence(t('invoices'))).toEqual({ kind: 'renamed', to: t('bills'), at: { file: 'm/2.sql', line: 5 } });
    expect(schema.findTable(t('bills'))?.createdAt).toEqual({ file: 'm/2.sql', line: 5 });
  });

  it('the latest removal explains the absence', () => {
    const schema = replayMigrations([
      { file: 'm/1.sql', events: [create(t('a'), 1), rename(t('a'), t('b'), 2), create(t('a'), 3), drop(t('a'), 4)] },
    ]);
    expect(schema.explainAbsence(t('a'))).toEqual({ kind: 'dropped', at: { file: 'm/1.sql', line: 4 } });
  });

  it('unquoted names match case-insensitively, quoted ones exactly', () => {
    const schema = replayMigrations([{ file: 'm/1.sql', events: [create(t('Users', undefined, false), 1), create(t('Orders'), 2)] }]);
    expect(schema.findTable(t('users'))).toBeDefined();
    expect(schema.findTable(t('Orders'))).toBeDefined();
    expect(schema.findTable(t('orders'))).toBeUndefined();
  });

  it('schemas must agree, and public is the default schema', () => {
    const schema = replayMigrations([{ file: 'm/1.sql', events: [create(t('payments', 'billing'), 1), create(t('users', 'public'), 2)] }]);
    expect(schema.findTable(t('payments', 'billing'))).toBeDefined();
    expect(schema.findTable(t('payments'))).toBeUndefined();
    expect(schema.findTable(t('users'))).toBeDefined();
  });

  it('temporary tables do not outlive their migration', () => {
    const schema = replayMigrations([{ file: 'm/1.sql', events: [{ kind: 'create-table', table: t('scratch'), temporary: true, line: 1 }] }]);
    expect(schema.findTable(t('scratch'))).toBeUndefined();
  });

  it('renaming a table whose creation was not seen still makes the new name present', () => {
    const schema = replayMigrations([{ file: 'm/1.sql', events: [rename(t('unknown'), t('known'), 1)] }]);
    expect(schema.findTable(t('known'))).toBeDefined();
  });

  it('replays thousands of events in one pass', () => {
    const events: MigrationEvent[] = [];
    for (let index = 0; index < 20_000; index++) events.push(create(t(`table_${index}`), index + 1));
    const schema = replayMigrations([{ file: 'm/big.sql', events }]);
    expect(schema.tables).toHaveLength(20_000);
  });
});
