import { parse } from '@typescript-eslint/typescript-estree';
import { AST_NODE_TYPES } from '@typescript-eslint/utils';
import type { TSESTree } from '@typescript-eslint/utils';
import { describe, expect, it } from 'vitest';
import { forEachChildNode, walkAst } from '../../src/ast/walkAst.js';
import { readTypeormMigration, RUNTIME_TABLE_REASON } from '../../src/migrations/readTypeormMigration.js';
import { buildModuleConstLookup, resolveStaticString } from '../../src/ast/staticString.js';
import type { ConstLookup } from '../../src/ast/staticString.js';
import type { MigrationFileFacts } from '../../src/schema/ddlEvent.js';
import { INTERPOLATION_MARK } from '../../src/sql/scanSqlDdl.js';
import { lineOf, migrationStatements, parseCode, readMigrationCode, table } from '../support/parseFixture.js';

const read = (source: string): MigrationFileFacts => readMigrationCode(readTypeormMigration, source);
const readMigration = (source: string) => migrationStatements(read(source));

/** Static text of the initializer of `const probe = ...` (the last declaration) in `source`. */
function resolveProbe(source: string): string | undefined {
  const program = parseCode(source);
  const last = program.body[program.body.length - 1];
  if (last?.type !== AST_NODE_TYPES.VariableDeclaration) throw new Error('probe must be the last statement');
  const init = last.declarations[0]?.init;
  if (init == null) throw new Error('probe needs an initializer');
  return resolveStaticString(init, buildModuleConstLookup(program));
}

describe('walkAst', () => {
  it('visits nodes pre-order in source order, interleaving template quasis and expressions', () => {
    const program = parseCode('const s = `a${b}c${d}e`;');
    const seen: string[] = [];
    walkAst(program, (node) => {
      if (node.type === AST_NODE_TYPES.TemplateElement) seen.push(`quasi:${node.value.raw}`);
      if (node.type === AST_NODE_TYPES.Identifier) seen.push(`id:${node.name}`);
    });
    expect(seen).toEqual(['id:s', 'quasi:a', 'id:b', 'quasi:c', 'id:d', 'quasi:e']);
  });

  it('skips the children of a node when enter returns false', () => {
    const program = parseCode('f(a, g(b)); h(c);');
    const seen: string[] = [];
    walkAst(program, (node) => {
      if (node.type === AST_NODE_TYPES.Identifier) seen.push(node.name);
      if (node.type === AST_NODE_TYPES.CallExpression && node.callee.type === AST_NODE_TYPES.Identifier && node.callee.name === 'g') {
        return false;
      }
      return true;
    });
    expect(seen).toEqual(['f', 'a', 'h', 'c']);
  });

  it('walks a very deeply nested tree without overflowing the stack', () => {
    let deep: TSESTree.Node = { type: AST_NODE_TYPES.Identifier, name: 'leaf' } as TSESTree.Identifier;
    for (let i = 0; i < 200_000; i++) {
      deep = { type: AST_NODE_TYPES.UnaryExpression, operator: '!', prefix: true, argument: deep } as TSESTree.UnaryExpression;
    }
    let count = 0;
    walkAst(deep, () => {
      count++;
    });
    expect(count).toBe(200_001);
  });

  it('forEachChildNode yields direct children in source order and never the parent', () => {
    const program = parseCode('const a = 1, b = 2;');
    const declaration = program.body[0];
    if (declaration === undefined) throw new Error('missing declaration');
    const children: string[] = [];
    forEachChildNode(declaration, (child) => children.push(child.type));
    expect(children).toEqual([AST_NODE_TYPES.VariableDeclarator, AST_NODE_TYPES.VariableDeclarator]);
  });
});

describe('resolveStaticString', () => {
  it('reads string literals, concatenations and templates with inlined consts', () => {
    expect(resolveProbe(`const probe = 'users';`)).toBe('users');
    expect(resolveProbe(`const S = 'billing'; const probe = S + '.' + "invoices";`)).toBe('billing.invoices');
    expect(resolveProbe('const T = `users`; const probe = `DROP TABLE ${T}`;')).toBe('DROP TABLE users');
  });

  it('marks an interpolation it cannot read with INTERPOLATION_MARK', () => {
    expect(resolveProbe('const probe = `DROP TABLE ${process.env.TABLE}_old`;')).toBe(`DROP TABLE ${INTERPOLATION_MARK}_old`);
    expect(resolveProbe(`const probe = 'DROP TABLE ' + name;`)).toBe(`DROP TABLE ${INTERPOLATION_MARK}`);
  });

  it('reads members of const objects through as const and satisfies, with dotted and bracket access', () => {
    const objects = `const TABLES = { users: 'users', billing: { invoices: 'invoices' } } as const satisfies object;`;
    expect(resolveProbe(`${objects} const probe = TABLES.users;`)).toBe('users');
    expect(resolveProbe(`${objects} const probe = TABLES['billing'].invoices;`)).toBe('invoices');
    expect(resolveProbe(`${objects} const KEY = 'users'; const probe = TABLES[KEY];`)).toBe('users');
  });

  it('lets later properties and spreads win, and gives up on unknown spreads', () => {
    expect(resolveProbe(`const A = { t: 'a' }; const B = { t: 'x', ...A }; const probe = B.t;`)).toBe('a');
    expect(resolveProbe(`const B = { t: 'x', ...other }; const probe = B.t;`)).toBeUndefined();
  });

  it('returns undefined for runtime values and for cyclic consts instead of looping', () => {
    expect(resolveProbe('const probe = makeName();')).toBeUndefined();
    expect(resolveProbe('const a = b; const b = a; const probe = a;')).toBeUndefined();
    expect(resolveProbe('const O = { t: O.t }; const probe = O.t;')).toBeUndefined();
  });

  it('accepts a plain (name) => expression function as the lookup', () => {
    const program = parseCode(`const probe = 'users';`);
    const declaration = program.body[0];
    if (declaration?.type !== AST_NODE_TYPES.VariableDeclaration) throw new Error('missing declaration');
    const init = declaration.declarations[0]?.init;
    if (init == null) throw new Error('missing initializer');
    const lookup: ConstLookup = (name) => (name === 'T' ? init : undefined);
    const template = parseCode('`DROP TABLE ${T}`;').body[0];
    if (template?.type !== AST_NODE_TYPES.ExpressionStatement) throw new Error('missing template');
    expect(resolveStaticString(template.expression, lookup)).toBe('DROP TABLE users');
  });
});

describe('readTypeormMigration', () => {
  it('reads createTable(new Table({ name, schema })) as a quoted create-table on the call line', () => {
    const source = `import { MigrationInterface, QueryRunner, Table } from 'typeorm';

export class CreateUsers1700000000000 implements MigrationInterface {
  name = 'CreateUsers1700000000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'users',
        columns: [{ name: 'id', type: 'int', isPrimary: true }],
      }),
      true,
    );
    await queryRunner.createTable(new Table({ name: 'invoices', schema: 'billing', columns: [] }));
    await queryRunner.createTable(new Table({ name: 'audit.entries', columns: [] }));
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('users');
  }
}
`;
    expect(readMigration(source)).toEqual({
      events: [
        { kind: 'create-table', table: table('users'), line: lineOf(source, 'await queryRunner.createTable(\n') },
        { kind: 'create-table', table: table('invoices', 'billing'), line: lineOf(source, `name: 'invoices'`) },
        { kind: 'create-table', table: table('entries', 'audit'), line: lineOf(source, `'audit.entries'`) },
      ],
      skipped: [],
    });
  });

  it('resolves createTable(tableVar) when the Table is held in a module or local const', () => {
    const source = `import { MigrationInterface, QueryRunner, Table } from 'typeorm';

const postsTable = new Table({ name: 'posts', columns: [] });

export class CreatePosts1700000000001 implements MigrationInterface {
  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(postsTable);
    const tagsTable = new Table({ name: 'tags', schema: 'public', columns: [] });
    await queryRunner.createTable(tagsTable, true);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {}
}
`;
    expect(readMigration(source).events).toEqual([
      { kind: 'create-table', table: table('posts'), line: lineOf(source, 'createTable(postsTable)') },
      { kind: 'create-table', table: table('tags'), line: lineOf(source, 'createTable(tagsTable, true)') },
    ]);
  });

  it('reads dropTable and renameTable, keeping the old schema for an unqualified new name', () => {
    const source = `import { MigrationInterface, QueryRunner, Table } from 'typeorm';

export class Reshape1700000000002 implements MigrationInterface {
  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('legacy_users', true);
    await queryRunner.dropTable(new Table({ name: 'old_invoices', schema: 'billing' }));
    await queryRunner.renameTable('billing.invoice', 'invoices');
    await queryRunner.renameTable('posts', 'archive.posts');
  }

  public async down(queryRunner: QueryRunner): Promise<void> {}
}
`;
    expect(readMigration(source)).toEqual({
      events: [
        { kind: 'drop-table', table: table('legacy_users'), line: lineOf(source, `dropTable('legacy_users'`) },
        { kind: 'drop-table', table: table('old_invoices', 'billing'), line: lineOf(source, `'old_invoices'`) },
        {
          kind: 'rename-table',
          table: table('invoice', 'billing'),
          to: table('invoices', 'billing'),
          line: lineOf(source, `'billing.invoice'`),
        },
        { kind: 'rename-table', table: table('posts'), to: table('posts', 'archive'), line: lineOf(source, `'archive.posts'`) },
      ],
      skipped: [],
    });
  });

  it('reads createView(new View({ name, schema })) and dropView(name | View) as view events', () => {
    const source = `import { MigrationInterface, QueryRunner, View } from 'typeorm';

const activeUsers = new View({ name: 'active_users', expression: 'SELECT * FROM "users" WHERE "active"' });

export class Views1700000000003 implements MigrationInterface {
  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createView(new View({ name: 'post_stats', schema: 'reporting', expression: 'SELECT 1' }), true);
    await queryRunner.createView(activeUsers);
    await queryRunner.createView(new View({ name: 'audit.recent_entries', materialized: true, expression: 'SELECT 1' }));
    await queryRunner.dropView('legacy_report');
    await queryRunner.dropView('reporting.old_stats');
    await queryRunner.dropView(new View({ name: 'stale_view', schema: 'reporting' }));
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropView('post_stats');
  }
}
`;
    expect(readMigration(source)).toEqual({
      events: [
        { kind: 'create-view', table: table('post_stats', 'reporting'), line: lineOf(source, `name: 'post_stats'`) },
        { kind: 'create-view', table: table('active_users'), line: lineOf(source, 'createView(activeUsers)') },
        { kind: 'create-view', table: table('recent_entries', 'audit'), line: lineOf(source, `'audit.recent_entries'`) },
        { kind: 'drop-view', table: table('legacy_report'), line: lineOf(source, `'legacy_report'`) },
        { kind: 'drop-view', table: table('old_stats', 'reporting'), line: lineOf(source, `'reporting.old_stats'`) },
        // TypeORM drops a View by its name alone (`isView(target) ? target.name : target`).
        { kind: 'drop-view', table: table('stale_view'), line: lineOf(source, `'stale_view'`) },
      ],
      skipped: [],
    });
  });

  it('skips a view whose name cannot be read, and createView of a plain string', () => {
    const source = `import { MigrationInterface, QueryRunner, View } from 'typeorm';

export class Views1700000000004 implements MigrationInterface {
  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createView(new View({ name: process.env.VIEW_NAME, expression: 'SELECT 1' }));
    await queryRunner.createView('not_a_view_object');
    await queryRunner.dropView(viewName());
    await queryRunner.createView(new Table({ name: 'a_table_is_not_a_view' }));
  }

  public async down(queryRunner: QueryRunner): Promise<void> {}
}
`;
    expect(readMigration(source)).toEqual({
      events: [],
      skipped: [
        { line: lineOf(source, 'process.env.VIEW_NAME'), reason: RUNTIME_TABLE_REASON },
        { line: lineOf(source, `'not_a_view_object'`), reason: RUNTIME_TABLE_REASON },
        { line: lineOf(source, 'viewName()'), reason: RUNTIME_TABLE_REASON },
        { line: lineOf(source, `'a_table_is_not_a_view'`), reason: RUNTIME_TABLE_REASON },
      ],
    });
  });

  it('reads query() with a string literal', () => {
    const source = `import { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateTags1700000000003 implements MigrationInterface {
  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('CREATE TABLE "tags" ("id" SERIAL PRIMARY KEY)');
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE "tags"');
  }
}
`;
    expect(readMigration(source)).toEqual({
      events: [{ kind: 'create-table', table: table('tags'), line: lineOf(source, 'CREATE TABLE "tags"') }],
      skipped: [],
    });
  });

  it('gives each statement of a multi-statement template its own line inside the template', () => {
    const source = `import { MigrationInterface, QueryRunner } from 'typeorm';

export class Init1700000000004 implements MigrationInterface {
  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(\`
      CREATE TABLE "users" (
        "id" SERIAL NOT NULL,
        CONSTRAINT "PK_users" PRIMARY KEY ("id")
      );
      CREATE TABLE "billing"."invoices" ("id" SERIAL NOT NULL);

      ALTER TABLE "users" RENAME TO "accounts";
      DROP TABLE IF EXISTS "legacy";
    \`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {}
}
`;
    expect(readMigration(source)).toEqual({
      events: [
        { kind: 'create-table', table: table('users'), line: lineOf(source, 'CREATE TABLE "users"') },
        { kind: 'create-table', table: table('invoices', 'billing'), line: lineOf(source, 'CREATE TABLE "billing"') },
        { kind: 'rename-table', table: table('users'), to: table('accounts'), line: lineOf(source, 'ALTER TABLE "users"') },
        { kind: 'drop-table', table: table('legacy'), line: lineOf(source, 'DROP TABLE IF EXISTS') },
      ],
      skipped: [],
    });
  });

  it('reads backtick-quoted identifiers escaped inside a template literal as quoted names', () => {
    const source = [
      `import { MigrationInterface, QueryRunner } from 'typeorm';`,
      ``,
      `export class CreateUsersMysql1700000000005 implements MigrationInterface {`,
      `  public async up(queryRunner: QueryRunner): Promise<void> {`,
      '    await queryRunner.query(`CREATE TABLE \\`Users\\` (\\`id\\` int NOT NULL AUTO_INCREMENT, PRIMARY KEY (\\`id\\`)) ENGINE=InnoDB`);',
      `  }`,
      ``,
      `  public async down(queryRunner: QueryRunner): Promise<void> {}`,
      `}`,
    ].join('\n');
    expect(readMigration(source).events).toEqual([{ kind: 'create-table', table: table('Users'), line: 5 }]);
  });

  it('inlines a same-file const interpolated into the SQL template', () => {
    const source = `import { MigrationInterface, QueryRunner } from 'typeorm';

const SCHEMA = 'billing';

export class CreateInvoices1700000000006 implements MigrationInterface {
  public async up(queryRunner: QueryRunner): Promise<void> {
    const tableName = \`\${SCHEMA}_invoices\`;
    await queryRunner.query(\`CREATE TABLE "\${SCHEMA}"."\${tableName}" ("id" SERIAL NOT NULL)\`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {}
}
`;
    expect(readMigration(source)).toEqual({
      events: [{ kind: 'create-table', table: table('billing_invoices', 'billing'), line: lineOf(source, 'CREATE TABLE') }],
      skipped: [],
    });
  });

  it('skips a statement whose table name interpolates an unknown variable, on that statement line, without an event', () => {
    const source = `import { MigrationInterface, QueryRunner } from 'typeorm';
import { tenantTable } from '../tenancy';

export class CreateTenant1700000000007 implements MigrationInterface {
  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(\`
      CREATE TABLE "settings" ("id" int);
      CREATE TABLE "\${tenantTable}" ("id" int);
    \`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {}
}
`;
    expect(readMigration(source)).toEqual({
      events: [{ kind: 'create-table', table: table('settings'), line: lineOf(source, 'CREATE TABLE "settings"') }],
      skipped: [{ line: lineOf(source, 'CREATE TABLE "${tenantTable}"'), reason: 'table name is built at runtime' }],
    });
  });

  it('skips a query whose SQL text is entirely built at runtime', () => {
    const source = `import { MigrationInterface, QueryRunner } from 'typeorm';
import { buildSchemaSql } from '../sql';

export class Generated1700000000008 implements MigrationInterface {
  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(buildSchemaSql());
    await queryRunner.query(\`\${process.env.EXTRA_SQL}\`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {}
}
`;
    expect(readMigration(source)).toEqual({
      events: [],
      skipped: [
        { line: lineOf(source, 'query(buildSchemaSql())'), reason: 'SQL text is built at runtime' },
        { line: lineOf(source, 'EXTRA_SQL'), reason: 'SQL text is built at runtime' },
      ],
    });
  });

  it('ignores everything down() does', () => {
    const source = `import { MigrationInterface, QueryRunner } from 'typeorm';

export class AddColumn1700000000009 implements MigrationInterface {
  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE "users" ADD "email" varchar');
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE "users"');
    await queryRunner.query(dynamicSql);
    await queryRunner.createTable(new Table({ name: 'users_backup' }));
  }
}
`;
    expect(readMigration(source)).toEqual({ events: [], skipped: [] });
  });

  it('follows a helper method defined after up, called via this with a renamed parameter', () => {
    const source = `import { MigrationInterface, QueryRunner } from 'typeorm';

export class Split1700000000010 implements MigrationInterface {
  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('CREATE TABLE "first" ("id" int)');
    await this.createSecond(queryRunner, 'second');
    await queryRunner.query('CREATE TABLE "third" ("id" int)');
  }

  public async down(queryRunner: QueryRunner): Promise<void> {}

  private async createSecond(runner: QueryRunner, name: string): Promise<void> {
    await runner.query(\`CREATE TABLE "\${name}" ("id" int)\`);
  }
}
`;
    expect(readMigration(source).events).toEqual([
      { kind: 'create-table', table: table('first'), line: lineOf(source, '"first"') },
      { kind: 'create-table', table: table('second'), line: lineOf(source, 'CREATE TABLE "${name}"') },
      { kind: 'create-table', table: table('third'), line: lineOf(source, '"third"') },
    ]);
  });

  it('ignores a helper called only from down', () => {
    const source = `import { MigrationInterface, QueryRunner } from 'typeorm';

export class Restore1700000000011 implements MigrationInterface {
  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('CREATE TABLE "kept" ("id" int)');
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await this.restoreLegacy(queryRunner);
  }

  private async restoreLegacy(qr: QueryRunner): Promise<void> {
    await qr.query('CREATE TABLE "legacy" ("id" int)');
  }
}
`;
    expect(readMigration(source).events).toEqual([{ kind: 'create-table', table: table('kept'), line: lineOf(source, '"kept"') }]);
  });

  it('does not re-enter a helper that calls itself', () => {
    const source = `import { MigrationInterface, QueryRunner } from 'typeorm';

export class Partitions1700000000012 implements MigrationInterface {
  public async up(queryRunner: QueryRunner): Promise<void> {
    await this.createPartition(queryRunner, 3);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {}

  private async createPartition(qr: QueryRunner, remaining: number): Promise<void> {
    await qr.query('CREATE TABLE "partition_root" ("id" int)');
    if (remaining > 0) await this.createPartition(qr, remaining - 1);
  }
}
`;
    expect(readMigration(source).events).toEqual([
      { kind: 'create-table', table: table('partition_root'), line: lineOf(source, '"partition_root"') },
    ]);
  });

  it('follows an arrow-function class property helper', () => {
    const source = `import { MigrationInterface, QueryRunner, Table } from 'typeorm';

export class Arrows1700000000013 implements MigrationInterface {
  private createAudit = async (runner: QueryRunner): Promise<void> => {
    await runner.createTable(new Table({ name: 'audit_log', columns: [] }));
  };

  public async up(queryRunner: QueryRunner): Promise<void> {
    await this.createAudit(queryRunner);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {}
}
`;
    expect(readMigration(source).events).toEqual([
      { kind: 'create-table', table: table('audit_log'), line: lineOf(source, 'runner.createTable(') },
    ]);
  });

  it('follows a top-level helper function called from up', () => {
    const source = `import { MigrationInterface, QueryRunner } from 'typeorm';

async function createUsers(runner: QueryRunner): Promise<void> {
  await runner.query('CREATE TABLE "users" ("id" int)');
}

async function unusedHelper(runner: QueryRunner): Promise<void> {
  await runner.query('CREATE TABLE "never" ("id" int)');
}

export class Users1700000000014 implements MigrationInterface {
  public async up(queryRunner: QueryRunner): Promise<void> {
    await createUsers(queryRunner);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {}
}
`;
    expect(readMigration(source).events).toEqual([{ kind: 'create-table', table: table('users'), line: lineOf(source, '"users"') }]);
  });

  it('reads a CommonJS migration compiled by tsc to ES2017', () => {
    const source = `"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.CreateUsers1700000000000 = void 0;
const typeorm_1 = require("typeorm");
class CreateUsers1700000000000 {
    constructor() {
        this.name = 'CreateUsers1700000000000';
    }
    async up(queryRunner) {
        await queryRunner.query(\`CREATE TABLE "users" ("id" SERIAL NOT NULL)\`);
        await queryRunner.createTable(new typeorm_1.Table({ name: "profiles", columns: [] }));
    }
    async down(queryRunner) {
        await queryRunner.query(\`DROP TABLE "users"\`);
    }
}
exports.CreateUsers1700000000000 = CreateUsers1700000000000;
`;
    expect(readMigration(source)).toEqual({
      events: [
        { kind: 'create-table', table: table('users'), line: lineOf(source, 'CREATE TABLE "users"') },
        { kind: 'create-table', table: table('profiles'), line: lineOf(source, '"profiles"') },
      ],
      skipped: [],
    });
  });

  it('reads a class expression assigned to module.exports', () => {
    const source = `module.exports = class CreateTags1700000000015 {
    async up(queryRunner) {
        await queryRunner.query('CREATE TABLE "tags" ("id" int)');
    }
    async down(queryRunner) {}
};
`;
    expect(readMigration(source).events).toEqual([{ kind: 'create-table', table: table('tags'), line: 3 }]);
  });

  it('treats a migrations registry index.ts as not a migration', () => {
    const source = `import { CreateUsers1700000000000 } from './1700000000000-CreateUsers';
import { CreatePosts1700000000001 } from './1700000000001-CreatePosts';

export const migrations = [CreateUsers1700000000000, CreatePosts1700000000001];
`;
    expect(read(source)).toEqual({ kind: 'not-a-migration' });
  });

  it('treats a file whose class has no up method as not a migration', () => {
    const source = `import { QueryRunner } from 'typeorm';

export class MigrationHelpers {
  async createUsers(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('CREATE TABLE "users" ("id" int)');
  }
}
`;
    expect(read(source)).toEqual({ kind: 'not-a-migration' });
  });

  it('reads table names from a const object member such as TABLES.users', () => {
    const source = `import { MigrationInterface, QueryRunner, Table } from 'typeorm';

const TABLES = {
  users: 'users',
  invoices: 'billing.invoices',
} as const;

export class Tables1700000000016 implements MigrationInterface {
  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(new Table({ name: TABLES.users, columns: [] }));
    await queryRunner.query(\`DROP TABLE \${TABLES['invoices']}\`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {}
}
`;
    expect(readMigration(source).events).toEqual([
      { kind: 'create-table', table: table('users'), line: lineOf(source, 'name: TABLES.users') },
      { kind: 'drop-table', table: { name: 'invoices', schema: 'billing', quoted: false }, line: lineOf(source, 'DROP TABLE') },
    ]);
  });

  it('reads a query whose sql comes from a local const, on the lines of that const text', () => {
    const source = `import { MigrationInterface, QueryRunner } from 'typeorm';

export class Local1700000000017 implements MigrationInterface {
  public async up(queryRunner: QueryRunner): Promise<void> {
    const sql = \`
      CREATE TABLE "sessions" ("id" uuid);
      CREATE TABLE "tokens" ("id" uuid);
    \`;
    await queryRunner.query(sql);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {}
}
`;
    expect(readMigration(source)).toEqual({
      events: [
        { kind: 'create-table', table: table('sessions'), line: lineOf(source, '"sessions"') },
        { kind: 'create-table', table: table('tokens'), line: lineOf(source, '"tokens"') },
      ],
      skipped: [],
    });
  });

  it('follows runner aliases and the manager/connection query targets', () => {
    const source = `import { MigrationInterface, QueryRunner } from 'typeorm';

export class Aliases1700000000018 implements MigrationInterface {
  public async up(queryRunner: QueryRunner): Promise<void> {
    const qr = queryRunner;
    await qr.query('CREATE TABLE "via_alias" ("id" int)');
    await qr.dropTable('old_alias');
    await queryRunner.manager.query('CREATE TABLE "via_manager" ("id" int)');
    await queryRunner.connection.query('CREATE TABLE "via_connection" ("id" int)');
    await somethingElse.query('CREATE TABLE "not_the_runner" ("id" int)');
  }

  public async down(queryRunner: QueryRunner): Promise<void> {}
}
`;
    expect(readMigration(source).events).toEqual([
      { kind: 'create-table', table: table('via_alias'), line: lineOf(source, '"via_alias"') },
      { kind: 'drop-table', table: table('old_alias'), line: lineOf(source, 'old_alias') },
      { kind: 'create-table', table: table('via_manager'), line: lineOf(source, '"via_manager"') },
      { kind: 'create-table', table: table('via_connection'), line: lineOf(source, '"via_connection"') },
    ]);
  });

  it('walks nested control flow and Promise.all callbacks in source order', () => {
    const source = `import { MigrationInterface, QueryRunner } from 'typeorm';

export class Nested1700000000019 implements MigrationInterface {
  public async up(queryRunner: QueryRunner): Promise<void> {
    try {
      if (process.env.WITH_A) await queryRunner.query('CREATE TABLE "a" ("id" int)');
      await Promise.all([
        queryRunner.query('CREATE TABLE "b" ("id" int)'),
        ...['c'].map((name) => queryRunner.query(\`CREATE TABLE "\${name}" ("id" int)\`)),
      ]);
    } catch {
      for (const t of ['d']) await queryRunner.dropTable(t);
    }
  }

  public async down(queryRunner: QueryRunner): Promise<void> {}
}
`;
    expect(readMigration(source)).toEqual({
      events: [
        { kind: 'create-table', table: table('a'), line: lineOf(source, '"a"') },
        { kind: 'create-table', table: table('b'), line: lineOf(source, '"b"') },
      ],
      skipped: [
        { line: lineOf(source, 'CREATE TABLE "${name}"'), reason: 'table name is built at runtime' },
        { line: lineOf(source, 'dropTable(t)'), reason: 'table name is built at runtime' },
      ],
    });
  });

  it('returns unreadable instead of throwing on a Program without locations', () => {
    const program = parse(`class M { async up(queryRunner) { await queryRunner.query('CREATE TABLE "x" (id int)'); } }`);
    const facts = readTypeormMigration(program);
    expect(facts.kind).toBe('unreadable');
    expect(facts.kind === 'unreadable' && facts.reason.startsWith('unexpected syntax while reading the migration: ')).toBe(true);
  });
});
