import { describe, expect, it } from 'vitest';
import { replayMigrations } from '../../src/schema/replayMigrations.js';
import { createTableRef } from '../../src/schema/tableRef.js';
import { scanSqlDdl } from '../../src/sql/scanSqlDdl.js';

const view = (name: string, schema?: string, quoted = false) => createTableRef(name, { schema, quoted });
const kindsAndNames = (sql: string) => scanSqlDdl(sql).map((event) => [event.kind, event.table.name, event.to?.name]);

describe('scanSqlDdl: views', () => {
  it('reads CREATE [OR REPLACE] [MATERIALIZED|RECURSIVE] VIEW [IF NOT EXISTS]', () => {
    expect(
      kindsAndNames(
        [
          'CREATE VIEW active_users AS SELECT * FROM users;',
          'create or replace view "Totals" as select 1;',
          'CREATE MATERIALIZED VIEW IF NOT EXISTS reports.daily AS SELECT 1;',
          'CREATE RECURSIVE VIEW tree (id) AS SELECT 1;',
        ].join('\n'),
      ),
    ).toEqual([
      ['create-view', 'active_users', undefined],
      ['create-view', 'Totals', undefined],
      ['create-view', 'daily', undefined],
      ['create-view', 'tree', undefined],
    ]);
  });

  it("skips MySQL's view options before VIEW", () => {
    expect(kindsAndNames('CREATE ALGORITHM=MERGE DEFINER=`admin`@`%` SQL SECURITY INVOKER VIEW `v_orders` AS SELECT 1;')).toEqual([
      ['create-view', 'v_orders', undefined],
    ]);
  });

  it('reads DROP [MATERIALIZED] VIEW with several names and ALTER VIEW … RENAME TO', () => {
    expect(kindsAndNames('DROP VIEW IF EXISTS a, b CASCADE; DROP MATERIALIZED VIEW m; ALTER VIEW a2 RENAME TO a3; ALTER MATERIALIZED VIEW m2 RENAME TO m3;')).toEqual([
      ['drop-view', 'a', undefined],
      ['drop-view', 'b', undefined],
      ['drop-view', 'm', undefined],
      ['rename-view', 'a2', 'a3'],
      ['rename-view', 'm2', 'm3'],
    ]);
  });

  it('marks temporary views', () => {
    expect(scanSqlDdl('CREATE TEMP VIEW scratch AS SELECT 1')).toEqual([{ kind: 'create-view', table: view('scratch'), temporary: true, offset: 0 }]);
  });

  it('does not take CREATE INDEX or a view name in a string for a view', () => {
    expect(kindsAndNames("CREATE INDEX view_idx ON t (c); SELECT 'CREATE VIEW x AS SELECT 1';")).toEqual([]);
  });
});

describe('replayMigrations: views', () => {
  it('keeps views apart from tables: DROP VIEW never removes a table of the same name', () => {
    const schema = replayMigrations([
      {
        file: 'm/1.sql',
        events: [
          { kind: 'create-table', table: view('stats'), line: 1 },
          { kind: 'create-view', table: view('stats_v'), line: 2 },
          { kind: 'drop-view', table: view('stats'), line: 3 },
        ],
      },
    ]);
    expect(schema.findTable(view('stats'))).toBeDefined();
    expect(schema.findView(view('stats_v'))?.createdAt).toEqual({ file: 'm/1.sql', line: 2 });
    expect(schema.findView(view('stats'))).toBeUndefined();
  });

  it('explains a dropped and a renamed view', () => {
    const schema = replayMigrations([
      { file: 'm/1.sql', events: [{ kind: 'create-view', table: view('a'), line: 1 }, { kind: 'create-view', table: view('b'), line: 2 }] },
      { file: 'm/2.sql', events: [{ kind: 'drop-view', table: view('a'), line: 4 }, { kind: 'rename-view', table: view('b'), to: view('c'), line: 5 }] },
    ]);
    expect(schema.explainViewAbsence(view('a'))).toEqual({ kind: 'dropped', at: { file: 'm/2.sql', line: 4 } });
    expect(schema.explainViewAbsence(view('b'))).toEqual({ kind: 'renamed', to: view('c'), at: { file: 'm/2.sql', line: 5 } });
    expect(schema.views.map((present) => present.ref.name)).toEqual(['c']);
  });
});
