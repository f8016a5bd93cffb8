import { describe, expect, it } from 'vitest';
import { readMigrationFile } from '../../src/migrations/readMigrationFile.js';
import { readMikroOrmMigration } from '../../src/migrations/readMikroOrmMigration.js';
import type { MigrationFileFacts } from '../../src/schema/ddlEvent.js';
import { lineOf, migrationStatements, readMigrationCode, table } from '../support/parseFixture.js';

const read = (source: string): MigrationFileFacts => readMigrationCode(readMikroOrmMigration, source);
const readMigration = (source: string) => migrationStatements(read(source));

const GENERATED = `import { Migration } from '@mikro-orm/migrations';

export class Migration20240101000000 extends Migration {

  override async up(): Promise<void> {
    this.addSql(\`create table "user" ("id" serial primary key, "email" varchar(255) not null);\`);
    this.addSql(\`alter table "user" add constraint "user_email_unique" unique ("email");\`);

    this.addSql(\`create table "billing"."invoice" ("id" serial primary key, "user_id" int not null);\`);
  }

  override async down(): Promise<void> {
    this.addSql(\`drop table if exists "billing"."invoice" cascade;\`);
    this.addSql(\`drop table if exists "user" cascade;\`);
  }

}
`;

describe('readMikroOrmMigration: addSql and execute', () => {
  it('reads what the migration generator writes, up() only', () => {
    expect(readMigration(GENERATED)).toEqual({
      events: [
        { kind: 'create-table', table: table('user'), line: 6 },
        { kind: 'create-table', table: table('invoice', 'billing'), line: 9 },
      ],
      skipped: [],
    });
  });

  it('locates several statements of one string on their own lines', () => {
    const source = `import { Migration } from '@mikro-orm/migrations';
export class Migration20240102000000 extends Migration {
  async up(): Promise<void> {
    this.addSql(\`
      create table \\\`author\\\` (\\\`id\\\` int unsigned not null auto_increment primary key) default character set utf8mb4 engine = InnoDB;
      rename table \\\`book\\\` to \\\`publication\\\`;
      drop table if exists \\\`legacy_item\\\`;
    \`);
  }
}
`;
    expect(readMigration(source)).toEqual({
      events: [
        { kind: 'create-table', table: table('author'), line: lineOf(source, 'create table') },
        { kind: 'rename-table', table: table('book'), to: table('publication'), line: lineOf(source, 'rename table') },
        { kind: 'drop-table', table: table('legacy_item'), line: lineOf(source, 'drop table') },
      ],
      skipped: [],
    });
  });

  it('follows constants, and skips SQL built at runtime', () => {
    const source = `import { Migration } from '@mikro-orm/migrations';
const PREFIX = 'app_';
const CREATE_TAGS = \`create table "\${PREFIX}tag" ("id" serial primary key);\`;
export class Migration20240103000000 extends Migration {
  async up(): Promise<void> {
    this.addSql(CREATE_TAGS);
    this.addSql(buildSql());
    this.addSql(\`create table "\${process.env.TABLE}" (id int);\`);
  }
}
`;
    expect(readMigration(source)).toEqual({
      events: [{ kind: 'create-table', table: table('app_tag'), line: lineOf(source, 'const CREATE_TAGS') }],
      skipped: [
        { line: lineOf(source, 'buildSql()'), reason: 'SQL text is built at runtime' },
        { line: lineOf(source, 'process.env.TABLE'), reason: 'table name is built at runtime' },
      ],
    });
  });

  it('orders execute() before the addSql() queue, which runs after up() returns', () => {
    const source = `import { Migration } from '@mikro-orm/migrations';
export class Migration20240104000000 extends Migration {
  async up(): Promise<void> {
    this.addSql('create table "order" ("id" serial primary key);');
    await this.execute('drop table "old_order";');
  }
}
`;
    expect(readMigration(source).events).toEqual([
      { kind: 'drop-table', table: table('old_order'), line: 5 },
      { kind: 'create-table', table: table('order'), line: 4 },
    ]);
  });
});

describe('readMikroOrmMigration: helpers', () => {
  it('follows this.helper(), top-level helpers given the migration, and aliases of this', () => {
    const source = `import { Migration } from '@mikro-orm/migrations';
function createAudit(migration: Migration, name = 'audit_log'): void {
  migration.addSql(\`create table "\${name}" ("id" serial primary key);\`);
}
export class Migration20240105000000 extends Migration {
  async up(): Promise<void> {
    this.createTable('tag');
    createAudit(this);
    const self = this;
    self.addSql('create table "setting" ("key" text primary key);');
  }
  private createTable(name: string): void {
    this.addSql(\`create table "\${name}" ("id" serial primary key);\`);
    this.createTable(name);
  }
}
`;
    expect(readMigration(source).events).toEqual([
      { kind: 'create-table', table: table('tag'), line: 13 },
      { kind: 'create-table', table: table('audit_log'), line: 3 },
      { kind: 'create-table', table: table('setting'), line: 10 },
    ]);
  });
});

describe('readMikroOrmMigration: knex and raw', () => {
  it('reads knex schema builders given to addSql or awaited, and raw SQL', () => {
    const source = `import { Migration } from '@mikro-orm/migrations';
import { raw } from '@mikro-orm/core';
export class Migration20240106000000 extends Migration {
  async up(): Promise<void> {
    const knex = this.getKnex();
    this.addSql(knex.schema.createTable('book_tag', (t) => { t.increments('id'); }).toQuery());
    this.addSql(this.getKnex().schema.withSchema('billing').renameTable('bill', 'invoice'));
    await knex.schema.dropTableIfExists('legacy_item');
    this.addSql(knex.raw('create table "note" (id int)'));
    this.addSql(raw('create table "memo" (id int)'));
    this.addSql(knex.schema.createTable(tableName()));
  }
}
`;
    expect(readMigration(source)).toEqual({
      events: [
        { kind: 'drop-table', table: table('legacy_item'), line: 8 },
        { kind: 'create-table', table: table('book_tag'), line: 6 },
        { kind: 'rename-table', table: table('bill', 'billing'), to: table('invoice', 'billing'), line: 7 },
        { kind: 'create-table', table: table('note'), line: 9 },
        { kind: 'create-table', table: table('memo'), line: 10 },
      ],
      skipped: [{ line: 11, reason: 'table name is built at runtime' }],
    });
  });
});

describe('readMikroOrmMigration: what is a MikroORM migration', () => {
  it('reads compiled CommonJS output', () => {
    const source = `"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.Migration20240101000000 = void 0;
const migrations_1 = require("@mikro-orm/migrations");
class Migration20240101000000 extends migrations_1.Migration {
    async up() {
        this.addSql('create table "user" ("id" serial primary key);');
    }
}
exports.Migration20240101000000 = Migration20240101000000;
`;
    expect(readMigration(source)).toEqual({ events: [{ kind: 'create-table', table: table('user'), line: 7 }], skipped: [] });
  });

  it('reads a MongoDB migration as a migration without tables', () => {
    const source = `import { Migration } from '@mikro-orm/migrations-mongodb';
export class Migration20240101000000 extends Migration {
  async up(): Promise<void> {
    await this.getCollection('user').createIndex({ email: 1 });
  }
}
`;
    expect(read(source)).toEqual({ kind: 'migration', events: [], skipped: [] });
  });

  it('leaves other classes with up() to other readers', () => {
    const typeorm = `import type { MigrationInterface, QueryRunner } from 'typeorm';
export class CreateUsers1700000000000 implements MigrationInterface {
  async up(queryRunner: QueryRunner): Promise<void> { await queryRunner.query('CREATE TABLE users (id int)'); }
}
`;
    const local = `import { Migration } from './BaseMigration';
export class Migration20240101000000 extends Migration {
  async up(): Promise<void> { this.addSql('create table "user" (id int);'); }
}
`;
    const abstractBase = `import { Migration } from '@mikro-orm/migrations';
export abstract class BaseMigration extends Migration {
  protected createTable(name: string): void { this.addSql(\`create table "\${name}" (id int);\`); }
}
`;
    expect(read(typeorm)).toEqual({ kind: 'not-a-migration' });
    expect(read(local)).toEqual({ kind: 'not-a-migration' });
    expect(read(abstractBase)).toEqual({ kind: 'not-a-migration' });
  });

  it('is tried before the TypeORM reader by readMigrationFile', () => {
    expect(readMigrationFile('/project/src/migrations/Migration20240101000000.ts', GENERATED)).toEqual({
      kind: 'migration',
      events: [
        { kind: 'create-table', table: table('user'), line: 6 },
        { kind: 'create-table', table: table('invoice', 'billing'), line: 9 },
      ],
      skipped: [],
    });
  });
});
