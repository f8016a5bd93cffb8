import { describe, it, expect } from 'vitest';
import { INTERPOLATION_MARK, scanSqlDdl, scanSqlDdlWithSkips } from '../../src/sql/scanSqlDdl.js';

const M = INTERPOLATION_MARK;

/** `kind name` (or `kind schema.name -> schema.to`) per event, for compact assertions. */
function summary(text: string): string[] {
  return scanSqlDdl(text).map((event) => {
    const name = (ref: { name: string; schema?: string | undefined }): string =>
      ref.schema === undefined ? ref.name : `${ref.schema}.${ref.name}`;
    return event.to === undefined ? `${event.kind} ${name(event.table)}` : `${event.kind} ${name(event.table)} -> ${name(event.to)}`;
  });
}

describe('scanSqlDdl: statements', () => {
  it('reports CREATE TABLE with the offset of the CREATE keyword', () => {
    expect(scanSqlDdl('  CREATE TABLE users (id int)')).toEqual([
      { kind: 'create-table', table: { name: 'users', schema: undefined, quoted: false }, offset: 2 },
    ]);
  });

  it('matches lower-case and mixed-case keywords and keeps the name as written', () => {
    expect(scanSqlDdl('create table Users (id int); dRoP TaBlE Orders')).toEqual([
      { kind: 'create-table', table: { name: 'Users', schema: undefined, quoted: false }, offset: 0 },
      { kind: 'drop-table', table: { name: 'Orders', schema: undefined, quoted: false }, offset: 29 },
    ]);
  });

  it('reports several statements in one string in text order', () => {
    expect(summary('CREATE TABLE a (x int); DROP TABLE b; ALTER TABLE c RENAME TO d; CREATE TABLE e (y int);')).toEqual([
      'create-table a',
      'drop-table b',
      'rename-table c -> d',
      'create-table e',
    ]);
  });

  it('accepts a name directly followed by a parenthesis', () => {
    expect(summary('CREATE TABLE t(id int)')).toEqual(['create-table t']);
  });

  it('skips IF NOT EXISTS on CREATE and IF EXISTS on DROP', () => {
    expect(summary('CREATE TABLE IF NOT EXISTS a (x int); DROP TABLE IF EXISTS b')).toEqual(['create-table a', 'drop-table b']);
  });

  it('treats IF as a table name when it does not start IF [NOT] EXISTS', () => {
    expect(summary('CREATE TABLE if (x int)')).toEqual(['create-table if']);
  });

  it('marks CREATE TEMP and CREATE TEMPORARY tables as temporary', () => {
    expect(scanSqlDdl('CREATE TEMP TABLE a (x int); CREATE GLOBAL TEMPORARY TABLE b (x int)')).toEqual([
      { kind: 'create-table', table: { name: 'a', schema: undefined, quoted: false }, temporary: true, offset: 0 },
      { kind: 'create-table', table: { name: 'b', schema: undefined, quoted: false }, temporary: true, offset: 29 },
    ]);
  });

  it('reports CREATE UNLOGGED TABLE and CREATE OR REPLACE TABLE as ordinary creates', () => {
    const events = scanSqlDdl('CREATE UNLOGGED TABLE a (x int); CREATE OR REPLACE TABLE b (x int)');
    expect(events.map((event) => [event.table.name, event.temporary])).toEqual([
      ['a', undefined],
      ['b', undefined],
    ]);
  });

  it('reports CREATE TABLE ... AS SELECT as a create', () => {
    expect(summary('CREATE TABLE archive AS SELECT * FROM orders WHERE created_at < now()')).toEqual(['create-table archive']);
  });

  it('reports one drop per name of a DROP TABLE list, all at the statement offset', () => {
    expect(scanSqlDdl('SELECT 1; DROP TABLE a, s.b, "C" CASCADE;')).toEqual([
      { kind: 'drop-table', table: { name: 'a', schema: undefined, quoted: false }, offset: 10 },
      { kind: 'drop-table', table: { name: 'b', schema: 's', quoted: false }, offset: 10 },
      { kind: 'drop-table', table: { name: 'C', schema: undefined, quoted: true }, offset: 10 },
    ]);
  });

  it('ignores RESTRICT after a DROP TABLE list', () => {
    expect(summary('DROP TABLE IF EXISTS a RESTRICT')).toEqual(['drop-table a']);
  });

  it('reports ALTER TABLE IF EXISTS ONLY ... RENAME TO as a rename', () => {
    expect(scanSqlDdl('ALTER TABLE IF EXISTS ONLY old_name RENAME TO new_name')).toEqual([
      {
        kind: 'rename-table',
        table: { name: 'old_name', schema: undefined, quoted: false },
        to: { name: 'new_name', schema: undefined, quoted: false },
        offset: 0,
      },
    ]);
  });

  it('keeps the old schema for an unqualified new name in ALTER TABLE ... RENAME TO', () => {
    expect(scanSqlDdl('ALTER TABLE billing.invoices RENAME TO bills')).toEqual([
      {
        kind: 'rename-table',
        table: { name: 'invoices', schema: 'billing', quoted: false },
        to: { name: 'bills', schema: 'billing', quoted: false },
        offset: 0,
      },
    ]);
  });

  it('accepts MySQL ALTER TABLE ... RENAME AS and a bare RENAME that ends the statement', () => {
    expect(summary('ALTER TABLE a RENAME AS b; ALTER TABLE c RENAME d;')).toEqual(['rename-table a -> b', 'rename-table c -> d']);
  });

  it('finds a MySQL RENAME TO among other ALTER TABLE actions', () => {
    expect(summary('ALTER TABLE a ADD COLUMN c int DEFAULT (1), RENAME TO b')).toEqual(['rename-table a -> b']);
  });

  it('does not treat column, constraint or index renames as table renames', () => {
    const sql = [
      'ALTER TABLE a RENAME COLUMN x TO y',
      'ALTER TABLE a RENAME x TO y',
      'ALTER TABLE a RENAME "x" TO "y"',
      'ALTER TABLE a RENAME CONSTRAINT c1 TO c2',
      'ALTER TABLE a RENAME INDEX i1 TO i2',
      'ALTER TABLE a RENAME KEY k1 TO k2',
      'ALTER TABLE a RENAME COLUMN',
      'ALTER TABLE a ADD COLUMN rename int',
    ].join(';\n');
    expect(scanSqlDdlWithSkips(sql)).toEqual({ events: [], skipped: [] });
  });

  it('reports one rename per pair of a MySQL RENAME TABLE, keeping the old schema for unqualified names', () => {
    expect(summary('RENAME TABLE shop.a TO b, c TO archive.d')).toEqual(['rename-table shop.a -> shop.b', 'rename-table c -> archive.d']);
  });

  it('ignores statements that do not create, drop or rename tables or views', () => {
    const sql = [
      'INSERT INTO users (name) VALUES (1)',
      'CREATE INDEX users_name ON users (name)',
      'CREATE TRIGGER t AFTER INSERT ON users FOR EACH ROW EXECUTE FUNCTION f()',
      'DROP INDEX users_name',
      'ALTER TABLE users ADD COLUMN age int',
      'RENAME USER a TO b',
    ].join(';\n');
    expect(scanSqlDdl(sql)).toEqual([]);
  });

  it('only recognises DDL at the start of a statement', () => {
    expect(scanSqlDdl('SELECT 1 CREATE TABLE x (a int); EXPLAIN DROP TABLE y')).toEqual([]);
  });

  it('reads the SQLite table rebuild sequence as create, drop, rename in order', () => {
    const sql = [
      'CREATE TABLE "__new_users" ("id" integer PRIMARY KEY, "email" text NOT NULL);',
      'INSERT INTO "__new_users"("id", "email") SELECT "id", "email" FROM "users";',
      'DROP TABLE "users";',
      'ALTER TABLE "__new_users" RENAME TO "users";',
    ].join('\n');
    expect(scanSqlDdl(sql)).toEqual([
      { kind: 'create-table', table: { name: '__new_users', schema: undefined, quoted: true }, offset: 0 },
      { kind: 'drop-table', table: { name: 'users', schema: undefined, quoted: true }, offset: sql.indexOf('DROP') },
      {
        kind: 'rename-table',
        table: { name: '__new_users', schema: undefined, quoted: true },
        to: { name: 'users', schema: undefined, quoted: true },
        offset: sql.indexOf('ALTER'),
      },
    ]);
  });

  it('treats a Drizzle statement-breakpoint comment as the end of a statement', () => {
    expect(summary('CREATE TABLE "a" (x int)\n--> statement-breakpoint\nCREATE TABLE "b" (y int)')).toEqual([
      'create-table a',
      'create-table b',
    ]);
  });
});

describe('scanSqlDdl: names', () => {
  it('reads double-quoted names with doubled quotes as quoted', () => {
    expect(scanSqlDdl('CREATE TABLE "My ""Big"" Table" (x int)')[0]?.table).toEqual({
      name: 'My "Big" Table',
      schema: undefined,
      quoted: true,
    });
  });

  it('reads backtick names with doubled backticks as quoted', () => {
    expect(scanSqlDdl('CREATE TABLE `odd``name` (x int)')[0]?.table).toEqual({ name: 'odd`name', schema: undefined, quoted: true });
  });

  it('reads bracketed names with doubled closing brackets as quoted', () => {
    expect(scanSqlDdl('DROP TABLE [dbo].[a]]b]')[0]?.table).toEqual({ name: 'a]b', schema: 'dbo', quoted: true });
  });

  it('keeps a semicolon inside a quoted name from ending the statement', () => {
    expect(summary('CREATE TABLE "a;b" (x int); DROP TABLE c')).toEqual(['create-table a;b', 'drop-table c']);
  });

  it('reads schema-qualified names with spaces around the dot', () => {
    expect(scanSqlDdl('CREATE TABLE billing . "Invoices" (x int)')[0]?.table).toEqual({
      name: 'Invoices',
      schema: 'billing',
      quoted: true,
    });
  });

  it('takes the last two parts of db.schema.table as schema and table', () => {
    expect(scanSqlDdl('DROP TABLE warehouse.billing.invoices')[0]?.table).toEqual({
      name: 'invoices',
      schema: 'billing',
      quoted: false,
    });
  });

  it('normalises the public schema to the default schema', () => {
    expect(scanSqlDdl('CREATE TABLE public.users (id int); DROP TABLE "PUBLIC".orders').map((event) => event.table)).toEqual([
      { name: 'users', schema: undefined, quoted: false },
      { name: 'orders', schema: undefined, quoted: false },
    ]);
  });

  it('reads unicode letters and dollar signs inside words', () => {
    expect(summary('CREATE TABLE zürich_größe$1 (x int); DROP TABLE 用户')).toEqual(['create-table zürich_größe$1', 'drop-table 用户']);
  });

  it('ignores a byte-order mark and non-breaking spaces before a statement', () => {
    expect(summary('\uFEFFCREATE\u00A0TABLE a (x int)')).toEqual(['create-table a']);
  });
});

describe('scanSqlDdl: comments and literals', () => {
  it('ignores statements inside line comments', () => {
    expect(summary('-- CREATE TABLE x (a int);\nDROP TABLE y; --DROP TABLE z')).toEqual(['drop-table y']);
  });

  it('ignores statements inside block comments', () => {
    expect(summary('/* DROP TABLE y; */ CREATE TABLE x (a int)')).toEqual(['create-table x']);
  });

  it('supports nested block comments as Postgres does', () => {
    expect(summary('/* outer /* inner */ DROP TABLE hidden; */ DROP TABLE shown')).toEqual(['drop-table shown']);
  });

  it('does not treat # as a comment', () => {
    expect(summary('# DROP TABLE x;\nDROP TABLE y')).toEqual(['drop-table y']);
  });

  it('finds nothing in a string literal containing an injected statement', () => {
    expect(scanSqlDdl("INSERT INTO log (msg) VALUES ('; DROP TABLE users; --')")).toEqual([]);
  });

  it("handles '' escapes in string literals", () => {
    expect(summary("INSERT INTO t VALUES ('it''s; DROP TABLE a; '''); DROP TABLE b")).toEqual(['drop-table b']);
  });

  it("handles backslash escapes in E'' strings", () => {
    expect(summary("SELECT E'it\\'s; DROP TABLE a; '; DROP TABLE b; SELECT e'\\\\'; DROP TABLE c")).toEqual([
      'drop-table b',
      'drop-table c',
    ]);
  });

  it('ignores DDL inside dollar-quoted function bodies', () => {
    const sql = `
      CREATE FUNCTION make_tables() RETURNS void AS $$
      BEGIN
        CREATE TABLE inside_fn (x int);
        DROP TABLE other;
      END;
      $$ LANGUAGE plpgsql;
      CREATE TABLE outside (x int);`;
    expect(summary(sql)).toEqual(['create-table outside']);
  });

  it('matches tagged dollar quotes only with the same tag', () => {
    const sql = 'DO $body$ BEGIN EXECUTE $q$ DROP TABLE a $q$; DROP TABLE b; END $body$; DROP TABLE c';
    expect(summary(sql)).toEqual(['drop-table c']);
  });

  it('does not mistake $1 positional parameters for dollar quotes', () => {
    expect(summary('UPDATE t SET a = $1 WHERE b = $2; DROP TABLE c; SELECT $3')).toEqual(['drop-table c']);
  });
});

describe('scanSqlDdlWithSkips: unreadable names', () => {
  it('skips a name with an interpolation and keeps readable neighbours', () => {
    const sql = `CREATE TABLE a (x int); CREATE TABLE ${M} (x int); DROP TABLE b`;
    expect(scanSqlDdlWithSkips(sql)).toEqual({
      events: [
        { kind: 'create-table', table: { name: 'a', schema: undefined, quoted: false }, offset: 0 },
        { kind: 'drop-table', table: { name: 'b', schema: undefined, quoted: false }, offset: sql.indexOf('DROP') },
      ],
      skipped: [{ offset: 24, reason: 'table name is built at runtime' }],
    });
  });

  it('skips names partly built from an interpolation, in any position', () => {
    const sql = [
      `CREATE TABLE users_${M} (x int)`,
      `CREATE TABLE "users_${M}" (x int)`,
      `CREATE TABLE ${M}.users (x int)`,
      `CREATE TABLE billing.${M} (x int)`,
      `CREATE TABLE "users"${M} (x int)`,
      `ALTER TABLE ${M} RENAME TO b`,
      `ALTER TABLE a RENAME TO b${M}`,
      `RENAME TABLE a TO ${M}`,
    ].join(';\n');
    const scan = scanSqlDdlWithSkips(sql);
    expect(scan.events).toEqual([]);
    expect(scan.skipped.map((skip) => skip.reason)).toEqual(Array(8).fill('table name is built at runtime'));
  });

  it('drops only the interpolated name of a DROP TABLE list', () => {
    const scan = scanSqlDdlWithSkips(`DROP TABLE a, ${M}_tmp, c`);
    expect(scan.events.map((event) => event.table.name)).toEqual(['a', 'c']);
    expect(scan.skipped).toEqual([{ offset: 0, reason: 'table name is built at runtime' }]);
  });

  it('reads a table name next to an interpolation that is not part of it', () => {
    expect(summary(`CREATE TABLE users ${M}; CREATE ${M} TABLE t (x int)`)).toEqual(['create-table users']);
  });

  it('ignores interpolations in statements it does not recognise', () => {
    expect(scanSqlDdlWithSkips(`ALTER TABLE ${M} ADD COLUMN x int; INSERT INTO ${M} VALUES (1)`)).toEqual({ events: [], skipped: [] });
  });

  it('skips a name glued to something it cannot read, such as a Postgres U& identifier', () => {
    expect(scanSqlDdlWithSkips('CREATE TABLE U&"d\\0061ta" (x int)')).toEqual({
      events: [],
      skipped: [{ offset: 0, reason: 'table name could not be read' }],
    });
  });

  it('skips CREATE TABLE with nothing after it', () => {
    expect(scanSqlDdlWithSkips('CREATE TABLE a (x int); CREATE TABLE')).toEqual({
      events: [{ kind: 'create-table', table: { name: 'a', schema: undefined, quoted: false }, offset: 0 }],
      skipped: [{ offset: 24, reason: 'table name is missing' }],
    });
  });

  it('skips an unterminated quoted name without throwing', () => {
    expect(scanSqlDdlWithSkips('DROP TABLE x; CREATE TABLE "unterminated')).toEqual({
      events: [{ kind: 'drop-table', table: { name: 'x', schema: undefined, quoted: false }, offset: 0 }],
      skipped: [{ offset: 14, reason: 'table name is cut off' }],
    });
  });

  it('skips a qualified name cut off after the dot', () => {
    expect(scanSqlDdlWithSkips('DROP TABLE billing.')).toEqual({ events: [], skipped: [{ offset: 0, reason: 'table name is cut off' }] });
  });

  it('skips a rename whose new name is missing', () => {
    expect(scanSqlDdlWithSkips('ALTER TABLE a RENAME TO ;')).toEqual({
      events: [],
      skipped: [{ offset: 0, reason: 'table name is missing' }],
    });
  });

  it('scanSqlDdl returns the events of scanSqlDdlWithSkips', () => {
    const sql = `CREATE TABLE a (x int); DROP TABLE ${M}; DROP TABLE b`;
    expect(scanSqlDdl(sql)).toEqual(scanSqlDdlWithSkips(sql).events);
  });
});

describe('scanSqlDdl: robustness', () => {
  it('does not throw on an unterminated block comment', () => {
    expect(scanSqlDdl('DROP TABLE a; /* CREATE TABLE b (x int)')).toHaveLength(1);
  });

  it('does not throw on unterminated strings and dollar quotes', () => {
    expect(summary("DROP TABLE a; SELECT 'open; DROP TABLE b")).toEqual(['drop-table a']);
    expect(summary("DROP TABLE a; SELECT E'open\\")).toEqual(['drop-table a']);
    expect(summary('DROP TABLE a; DO $x$ DROP TABLE b')).toEqual(['drop-table a']);
    expect(summary('DROP TABLE a; SELECT `open; DROP TABLE b')).toEqual(['drop-table a']);
    expect(summary('DROP TABLE a; SELECT [open; DROP TABLE b')).toEqual(['drop-table a']);
  });

  it('treats NUL bytes as punctuation without losing neighbouring statements', () => {
    // A NUL before the keyword means the statement does not start with DROP.
    expect(summary('\0DROP TABLE a;\0\0; DROP TABLE b; CREATE TABLE "c\0d" (x int)')).toEqual(['drop-table b', 'create-table c\0d']);
  });

  it('refuses a name with a NUL byte glued to it', () => {
    expect(scanSqlDdlWithSkips('DROP TABLE b\0')).toEqual({ events: [], skipped: [{ offset: 0, reason: 'table name could not be read' }] });
  });

  it('never throws on arbitrary characters', () => {
    // A fixed-seed generator keeps the test deterministic while covering odd combinations.
    let seed = 42;
    const random = (): number => {
      seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
      return seed / 2_147_483_648;
    };
    const alphabet = ['CREATE', ' TABLE ', 'DROP', 'ALTER', 'RENAME', 'TO', ' ', ';', '.', ',', '(', ')', "'", '"', '`', '[', ']', '$', '$a$', 'E', '--', '/*', '*/', '\n', '\\', M, '\0', 'x', '\uD83D'];
    for (let round = 0; round < 2_000; round++) {
      let text = '';
      const length = Math.floor(random() * 40);
      for (let i = 0; i < length; i++) text += alphabet[Math.floor(random() * alphabet.length)] ?? '';
      expect(() => scanSqlDdlWithSkips(text)).not.toThrow();
    }
  });

  it('returns no events for empty or blank text', () => {
    expect(scanSqlDdlWithSkips('')).toEqual({ events: [], skipped: [] });
    expect(scanSqlDdlWithSkips(' ;; \n ;')).toEqual({ events: [], skipped: [] });
  });

  it('scans a 5 MB input and finds every statement', () => {
    const statement = "CREATE TABLE t (id int, note text DEFAULT 'a;b'); -- comment\nDROP TABLE t;\n";
    const count = Math.ceil((5 * 1024 * 1024) / statement.length);
    const events = scanSqlDdl(statement.repeat(count));
    expect(events).toHaveLength(count * 2);
  });

  it('handles 10,000 nested parentheses without a stack overflow', () => {
    const depth = 10_000;
    const sql = `CREATE TABLE deep (x int CHECK ${'('.repeat(depth)}1${')'.repeat(depth)}); ALTER TABLE deep ADD c int DEFAULT ${'('.repeat(depth)}; DROP TABLE deep`;
    expect(summary(sql)).toEqual(['create-table deep', 'drop-table deep']);
  });
});
