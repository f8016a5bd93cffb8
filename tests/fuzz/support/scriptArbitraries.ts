/**
 * Script-shaped inputs for the migration readers and entity detectors: each ORM's migration or
 * entity skeleton around a generated expression, which may be deeply nested, hugely long, or
 * built through long chains of constants and helpers (flat syntax the parser accepts at any
 * length, but that a reader follows name by name).
 */
import fc from 'fast-check';
import { nestingDepth } from './textArbitraries.js';

/** An expression and the top-level declarations it relies on. */
export interface Snippet {
  readonly prelude: string;
  readonly expression: string;
}

const SQL = "'CREATE TABLE users (id int)'";

function repeatLines(count: number, line: (index: number) => string): string {
  const lines: string[] = [];
  for (let i = 1; i <= count; i++) lines.push(line(i));
  return lines.join('\n');
}

type SnippetKind =
  | 'parens' | 'concat-left' | 'concat-right' | 'template' | 'object' | 'array' | 'call' | 'conditional'
  | 'const-chain' | 'const-concat-chain' | 'template-chain' | 'spread-chain' | 'member-chain' | 'long-string' | 'long-name';

/** Builds one snippet of `kind` at `depth`; `closed: false` leaves nested syntax unbalanced. */
export function buildSnippet(kind: SnippetKind, depth: number, closed: boolean): Snippet {
  const close = (text: string): string => (closed ? text : '');
  switch (kind) {
    case 'parens':
      return { prelude: '', expression: '('.repeat(depth) + SQL + close(')'.repeat(depth)) };
    case 'concat-left':
      return { prelude: '', expression: "'CREATE TABLE '" + " + 'u'".repeat(depth) };
    case 'concat-right':
      return { prelude: '', expression: "'CREATE TABLE ' + (".repeat(depth) + "'users'" + close(')'.repeat(depth)) };
    case 'template':
      return { prelude: '', expression: '`CREATE TABLE ${'.repeat(depth) + "'t'" + close('}`'.repeat(depth)) };
    case 'object':
      return { prelude: '', expression: '{ tableName: '.repeat(depth) + "'users'" + close(' }'.repeat(depth)) };
    case 'array':
      return { prelude: '', expression: '['.repeat(depth) + SQL + close(']'.repeat(depth)) };
    case 'call':
      return { prelude: '', expression: 'String('.repeat(depth) + SQL + close(')'.repeat(depth)) };
    case 'conditional':
      return { prelude: '', expression: 'x ? '.repeat(depth) + SQL + close(' : null'.repeat(depth)) };
    case 'const-chain':
      return { prelude: `const c0 = ${SQL};\n${repeatLines(depth, (i) => `const c${i} = c${i - 1};`)}\n`, expression: `c${depth}` };
    case 'const-concat-chain':
      return { prelude: `const c0 = 'users';\n${repeatLines(depth, (i) => `const c${i} = c${i - 1} + c${i - 1};`)}\n`, expression: `'CREATE TABLE ' + c${depth}` };
    case 'template-chain':
      return { prelude: `const c0 = 'users';\n${repeatLines(depth, (i) => `const c${i} = \`\${c${i - 1}}_\${c${i - 1}}\`;`)}\n`, expression: `\`CREATE TABLE \${c${depth}}\`` };
    case 'spread-chain':
      return { prelude: `const o0 = { tableName: 'users', name: 'users' };\n${repeatLines(depth, (i) => `const o${i} = { ...o${i - 1}, ...o${i - 1} };`)}\n`, expression: `o${depth}.tableName` };
    case 'member-chain':
      return { prelude: `const o = ${'{ a: '.repeat(depth)}'users'${' }'.repeat(depth)};\n`, expression: `o${'.a'.repeat(depth)}` };
    case 'long-string':
      return { prelude: '', expression: `'CREATE TABLE ${'a'.repeat(depth * 10)} (id int)'` };
    case 'long-name':
      return { prelude: `const ${'n'.repeat(depth * 10)} = 'users';\n`, expression: 'n'.repeat(depth * 10) };
  }
}

const FLAT_KINDS = ['const-chain', 'const-concat-chain', 'template-chain', 'spread-chain', 'long-string', 'long-name'] as const;
const NESTED_KINDS = ['parens', 'concat-left', 'concat-right', 'template', 'object', 'array', 'call', 'conditional', 'member-chain'] as const;

export interface SnippetPlan {
  readonly kind: SnippetKind;
  readonly depth: number;
  readonly closed: boolean;
}

export const snippetPlan: fc.Arbitrary<SnippetPlan> = fc.oneof(
  fc.record({ kind: fc.constantFrom(...NESTED_KINDS), depth: nestingDepth, closed: fc.boolean() }),
  // Chains whose length doubles the work per link are kept short; the others go to 10,000 links.
  fc.record({ kind: fc.constantFrom(...FLAT_KINDS), depth: nestingDepth, closed: fc.constant(true) }),
);

/** Helpers calling helpers: `fanOut` calls per link, so a naive walk does fanOut^depth work. */
export interface HelperChainPlan {
  readonly depth: number;
  readonly fanOut: number;
}

/**
 * Chains of single calls as long as nesting goes elsewhere (to 10,000 links). Readers follow helpers
 * only MAX_HELPER_DEPTH deep (src/migrations/functionWalk.ts) and note a skip beyond: before that
 * limit, ~1,500 links overflowed the stack.
 */
export const helperChainPlan: fc.Arbitrary<HelperChainPlan> = fc.record({ depth: nestingDepth, fanOut: fc.constant(1) });

/**
 * Chains that call the previous helper several times: a walk at each call position does
 * fanOut^depth work, which MAX_HELPER_CALLS bounds (before it, 3^12 calls blew the heap).
 */
export const fanOutHelperChainPlan: fc.Arbitrary<HelperChainPlan> = fc.record({ depth: fc.integer({ min: 1, max: 40 }), fanOut: fc.integer({ min: 2, max: 4 }) });

export type MigrationFormat = 'typeorm' | 'mikro-orm' | 'knex' | 'sequelize';
export const MIGRATION_FORMATS: readonly MigrationFormat[] = ['typeorm', 'mikro-orm', 'knex', 'sequelize'];

/** `h<depth>(runner)` reaches `h0`, which creates a table; each link calls the previous one `fanOut` times. */
export function helperChain(format: MigrationFormat, plan: HelperChainPlan): string {
  const leaf: Record<MigrationFormat, string> = {
    typeorm: `async function h0(runner) { await runner.query(${SQL}); }`,
    'mikro-orm': `function h0(migration) { migration.addSql(${SQL}); }`,
    knex: "async function h0(db) { await db.schema.createTable('users', (t) => { t.increments('id'); }); }",
    sequelize: "async function h0(qi) { await qi.createTable('users', {}); }",
  };
  const link = (i: number): string => `async function h${i}(a) { ${'await h'.concat(String(i - 1), '(a); ').repeat(plan.fanOut)}}`;
  return `${leaf[format]}\n${repeatLines(plan.depth, link)}\n`;
}

export function migrationAround(format: MigrationFormat, prelude: string, body: (handle: string) => string): string {
  switch (format) {
    case 'typeorm':
      return `import { MigrationInterface, QueryRunner } from 'typeorm';\n${prelude}export class Fuzz1700000000000 implements MigrationInterface {\n  public async up(queryRunner: QueryRunner): Promise<void> {\n${body('queryRunner')}\n  }\n  public async down(queryRunner: QueryRunner): Promise<void> {}\n}\n`;
    case 'mikro-orm':
      return `import { Migration } from '@mikro-orm/migrations';\n${prelude}export class Migration20240101000000 extends Migration {\n  async up(): Promise<void> {\n${body('this')}\n  }\n}\n`;
    case 'knex':
      return `import type { Knex } from 'knex';\n${prelude}export async function up(knex: Knex): Promise<void> {\n${body('knex')}\n}\nexport async function down(knex: Knex): Promise<void> {}\n`;
    case 'sequelize':
      return `'use strict';\n${prelude}module.exports = {\n  async up(queryInterface, Sequelize) {\n${body('queryInterface')}\n  },\n  async down() {},\n};\n`;
  }
}

/** A statement in each format's `up` that hands `expression` to its DDL calls. */
function useExpression(format: MigrationFormat, handle: string, expression: string): string {
  switch (format) {
    case 'typeorm':
      return `    await ${handle}.query(${expression});\n    await ${handle}.createTable(new Table({ name: ${expression} }));\n    await ${handle}.dropTable(${expression});`;
    case 'mikro-orm':
      return `    ${handle}.addSql(${expression});\n    ${handle}.addSql(\`DROP TABLE \${${expression}}\`);`;
    case 'knex':
      return `    await ${handle}.schema.createTable(${expression}, (t) => t.increments());\n    await ${handle}.raw(${expression});\n    await ${handle}.schema.renameTable(${expression}, 'b');`;
    case 'sequelize':
      return `    await ${handle}.createTable(${expression}, {});\n    await ${handle}.sequelize.query(${expression});\n    await ${handle}.renameTable(${expression}, 'b');`;
  }
}

export interface GeneratedScript {
  readonly description: string;
  readonly text: string;
}

/** Helper chains cost up to MAX_HELPER_CALLS walks per read: a smaller share keeps runs quick. */
export const generatedMigration: fc.Arbitrary<GeneratedScript> = fc.oneof(
  {
    weight: 8,
    arbitrary: fc.tuple(fc.constantFrom(...MIGRATION_FORMATS), snippetPlan).map(([format, plan]) => {
      const { prelude, expression } = buildSnippet(plan.kind, plan.depth, plan.closed);
      return { description: `${format} migration, ${plan.kind} x${plan.depth}${plan.closed ? '' : ' (unclosed)'}`, text: migrationAround(format, prelude, (handle) => useExpression(format, handle, expression)) };
    }),
  },
  { weight: 2, arbitrary: fc.tuple(fc.constantFrom(...MIGRATION_FORMATS), helperChainPlan).map(([format, plan]) => helperChainMigration(format, plan)) },
  { weight: 1, arbitrary: fc.tuple(fc.constantFrom(...MIGRATION_FORMATS), fanOutHelperChainPlan).map(([format, plan]) => helperChainMigration(format, plan)) },
);

export function helperChainMigration(format: MigrationFormat, plan: HelperChainPlan): GeneratedScript {
  return {
    description: `${format} migration, helper chain x${plan.depth} fan-out ${plan.fanOut}`,
    text: migrationAround(format, helperChain(format, plan), (handle) => `    await h${plan.depth}(${handle});`),
  };
}

type EntityFormat = 'typeorm' | 'typeorm-schema' | 'mikro-orm' | 'sequelize-init' | 'sequelize-define' | 'sequelize-typescript' | 'drizzle' | 'objection';
const ENTITY_FORMATS: readonly EntityFormat[] = ['typeorm', 'typeorm-schema', 'mikro-orm', 'sequelize-init', 'sequelize-define', 'sequelize-typescript', 'drizzle', 'objection'];

function entityAround(format: EntityFormat, prelude: string, expression: string): string {
  switch (format) {
    case 'typeorm':
      return `import { Entity, PrimaryGeneratedColumn, ViewEntity } from 'typeorm';\n${prelude}@Entity(${expression})\nexport class User {\n  @PrimaryGeneratedColumn() id!: number;\n}\n@ViewEntity({ name: ${expression}, expression: 'SELECT 1' })\nexport class UserView {}\n`;
    case 'typeorm-schema':
      return `import { EntitySchema } from 'typeorm';\n${prelude}export const UserSchema = new EntitySchema({ name: 'User', tableName: ${expression}, columns: {} });\n`;
    case 'mikro-orm':
      return `import { Entity, PrimaryKey } from '@mikro-orm/core';\n${prelude}@Entity({ tableName: ${expression} })\nexport class Book {\n  @PrimaryKey() id!: number;\n}\n`;
    case 'sequelize-init':
      return `import { DataTypes, Model } from 'sequelize';\n${prelude}export class User extends Model {}\nUser.init({ id: DataTypes.INTEGER }, { sequelize, tableName: ${expression}, modelName: ${expression} });\n`;
    case 'sequelize-define':
      return `const { DataTypes } = require('sequelize');\n${prelude}module.exports = (sequelize) => sequelize.define(${expression}, { id: DataTypes.INTEGER }, { tableName: ${expression} });\n`;
    case 'sequelize-typescript':
      return `import { Table, Model } from 'sequelize-typescript';\n${prelude}@Table({ tableName: ${expression} })\nexport class User extends Model {}\n`;
    case 'drizzle':
      return `import { pgTable, serial, pgSchema } from 'drizzle-orm/pg-core';\n${prelude}export const users = pgTable(${expression}, { id: serial('id') });\nexport const s = pgSchema(${expression});\nexport const t = s.table(${expression}, {});\n`;
    case 'objection':
      return `import { Model } from 'objection';\n${prelude}export class Person extends Model {\n  static tableName = ${expression};\n  static get tableName2() { return ${expression}; }\n}\n`;
  }
}

export const generatedEntityModule: fc.Arbitrary<GeneratedScript> = fc.tuple(fc.constantFrom(...ENTITY_FORMATS), snippetPlan).map(([format, plan]) => {
  const { prelude, expression } = buildSnippet(plan.kind, plan.depth, plan.closed);
  return { description: `${format} entity, ${plan.kind} x${plan.depth}${plan.closed ? '' : ' (unclosed)'}`, text: entityAround(format, prelude, expression) };
});
