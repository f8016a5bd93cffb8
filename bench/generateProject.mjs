#!/usr/bin/env node
// Deterministic generator of synthetic projects for the orm-guard benchmark (no dependencies).
//
//   node bench/generateProject.mjs --flavour typeorm --files 4000 [--seed 7] [--force]
//
// A project of N files is a quarter entities, a quarter migrations and the rest plain TypeScript
// modules (services, utils; 30-80 lines). A few percent of the entities have no migration, so
// `entity-has-migration` reports them. The project is written to <tmp>/orm-guard-bench/<flavour>-<n>/
// (ORM_GUARD_BENCH_DIR overrides <tmp>/orm-guard-bench) with an eslint.config.js that loads the
// BUILT plugin (a copy of dist/, see PLUGIN_SNAPSHOT) and @typescript-eslint/parser. The same
// (flavour, n, seed) always produces the same bytes; an up-to-date project is not rewritten
// (bench-manifest.json records what was generated).
//
// Flavours:
//   typeorm  @Entity('t_123') classes in src/models/**; migration classes in src/migrations/ that
//            create their table with raw SQL (queryRunner.query(`CREATE TABLE ...`)) or the builder
//            API (queryRunner.createTable(new Table({ name }))); a DataSource registering the models.
//   drizzle  pgTable('t_123', {...}) modules in src/db/schema/**; drizzle-kit's drizzle/NNNN_x.sql
//            files (statements split by `--> statement-breakpoint`) and drizzle/meta/_journal.json.

import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import console from 'node:console';
import { performance } from 'node:perf_hooks';
import process from 'node:process';
import { fileURLToPath } from 'node:url';

const BENCH_DIR = path.dirname(fileURLToPath(import.meta.url));
const REPO_ROOT = path.resolve(BENCH_DIR, '..');
/** Generated projects, the plugin snapshot and results: a temp dir, never part of the repository. */
export const GENERATED_DIR = process.env.ORM_GUARD_BENCH_DIR ?? path.join(os.tmpdir(), 'orm-guard-bench');
/**
 * A copy of dist/ taken when a benchmark starts: every measurement of a run uses the same build,
 * and a rebuild of dist/ during the run (another terminal, a test run) cannot change or break it.
 */
export const PLUGIN_SNAPSHOT = path.join(GENERATED_DIR, 'plugin-dist');
/** Bump when the generated content changes, so stale projects are rewritten. */
const GENERATOR_VERSION = 5;
/** Share of entities whose migration is left out (so the rules have something to report). */
const MISSING_MIGRATION_RATE = 0.03;

export const FLAVOURS = ['typeorm', 'drizzle'];

// ---------------------------------------------------------------------------------------------
// Seeded PRNG (mulberry32) and helpers

function createRandom(seed) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    pick: (list) => list[Math.floor(next() * list.length)],
    chance: (probability) => next() < probability,
  };
}

/** A stable 32-bit seed from the generation parameters (FNV-1a). */
function seedFor(flavour, files, seed) {
  let hash = 0x811c9dc5;
  for (const char of `${flavour}:${files}:${seed}`) hash = Math.imul(hash ^ char.charCodeAt(0), 0x01000193) >>> 0;
  return hash;
}

const DOMAINS = ['billing', 'catalog', 'identity', 'orders', 'shipping', 'support', 'analytics', 'inventory', 'marketing', 'payments'];
const NOUNS = ['Invoice', 'Product', 'Account', 'Order', 'Shipment', 'Ticket', 'Event', 'StockItem', 'Campaign', 'Payment', 'Customer', 'Address', 'Coupon', 'Refund', 'Session', 'Review'];
const VERBS = ['find', 'load', 'sync', 'archive', 'refresh', 'validate', 'export', 'import', 'reconcile', 'notify'];
const ADJECTIVES = ['brave', 'quiet', 'rapid', 'silent', 'steady', 'bold', 'calm', 'eager', 'gentle', 'lucky', 'proud', 'wise'];
const HEROES = ['hulk', 'storm', 'thor', 'rogue', 'vision', 'wolverine', 'gambit', 'phoenix', 'falcon', 'banshee'];
const COLUMN_NAMES = ['name', 'title', 'status', 'amount', 'currency', 'email', 'note', 'code', 'quantity', 'priority', 'label', 'region', 'score', 'version'];
const COLUMN_TYPES = [
  { ts: 'string', typeorm: "'varchar', length: 255", sql: 'character varying(255)', drizzle: (name) => `varchar('${name}', { length: 255 })` },
  { ts: 'string', typeorm: "'text'", sql: 'text', drizzle: (name) => `text('${name}')` },
  { ts: 'number', typeorm: "'int'", sql: 'integer', drizzle: (name) => `integer('${name}')` },
  { ts: 'boolean', typeorm: "'boolean', default: false", sql: 'boolean DEFAULT false', drizzle: (name) => `boolean('${name}').default(false)` },
  { ts: 'string', typeorm: "'numeric', precision: 12, scale: 2", sql: 'numeric(12,2)', drizzle: (name) => `numeric('${name}', { precision: 12, scale: 2 })` },
];

const pad = (value, width) => String(value).padStart(width, '0');
const tableName = (index) => `t_${index}`;

/** Entity i: its class/const name, domain folder and columns. Shared by entity and migration. */
function describeEntity(index, random) {
  const noun = NOUNS[index % NOUNS.length];
  const columnCount = random.int(3, 9);
  const used = new Set();
  const columns = [];
  while (columns.length < columnCount) {
    const name = random.pick(COLUMN_NAMES);
    if (used.has(name)) continue;
    used.add(name);
    columns.push({ name, type: random.pick(COLUMN_TYPES), nullable: random.chance(0.3) });
  }
  return {
    index,
    className: `${noun}${index}`,
    constName: `${noun.charAt(0).toLowerCase()}${noun.slice(1)}${index}`,
    domain: DOMAINS[index % DOMAINS.length],
    table: tableName(index),
    columns,
    // Some entities reference an earlier one (many-to-one).
    parent: index > 0 && random.chance(0.35) ? random.int(0, index - 1) : undefined,
  };
}

// ---------------------------------------------------------------------------------------------
// TypeORM flavour

function typeormEntity(entity, entities) {
  const parent = entity.parent === undefined ? undefined : entities[entity.parent];
  const imports = ['Column', 'CreateDateColumn', 'Entity', 'Index', 'PrimaryGeneratedColumn', 'UpdateDateColumn'];
  if (parent) imports.push('JoinColumn', 'ManyToOne');
  const lines = [`import { ${imports.sort().join(', ')} } from 'typeorm';`];
  if (parent) {
    const from = parent.domain === entity.domain ? `./${parent.className}` : `../${parent.domain}/${parent.className}`;
    lines.push(`import { ${parent.className} } from '${from}';`);
  }
  lines.push('', `/** ${entity.className}: persisted in ${entity.table}. */`, `@Entity('${entity.table}')`);
  if (entity.columns[0]) lines.push(`@Index(['${entity.columns[0].name}'])`);
  lines.push(`export class ${entity.className} {`, '  @PrimaryGeneratedColumn()', '  id!: number;', '');
  for (const column of entity.columns) {
    lines.push(`  @Column({ type: ${column.type.typeorm}${column.nullable ? ', nullable: true' : ''} })`);
    lines.push(`  ${column.name}${column.nullable ? '?' : '!'}: ${column.type.ts}${column.nullable ? ' | null' : ''};`, '');
  }
  if (parent) {
    lines.push(`  @ManyToOne(() => ${parent.className}, { onDelete: 'CASCADE' })`, `  @JoinColumn({ name: 'parent_id' })`, `  parent?: ${parent.className};`, '');
  }
  lines.push("  @CreateDateColumn({ name: 'created_at' })", '  createdAt!: Date;', '', "  @UpdateDateColumn({ name: 'updated_at' })", '  updatedAt!: Date;', '}', '');
  return lines.join('\n');
}

function sqlColumns(entity) {
  const parts = ['"id" SERIAL NOT NULL'];
  for (const column of entity.columns) parts.push(`"${column.name}" ${column.type.sql}${column.nullable ? '' : ' NOT NULL'}`);
  if (entity.parent !== undefined) parts.push('"parent_id" integer');
  parts.push('"created_at" TIMESTAMP NOT NULL DEFAULT now()', '"updated_at" TIMESTAMP NOT NULL DEFAULT now()', `CONSTRAINT "PK_${entity.table}" PRIMARY KEY ("id")`);
  return parts.join(', ');
}

/** A migration class creating `slot.table`: the entity's table, or a stand-in table when that entity's migration is "missing". */
function typeormMigration(slot, timestamp, random) {
  const { entity, table, builder } = slot;
  const className = `Create${entity.className}${timestamp}`;
  const up = [];
  const down = [];
  let needsTable = false;
  if (builder) {
    needsTable = true;
    up.push(
      '    await queryRunner.createTable(',
      '      new Table({',
      `        name: '${table}',`,
      '        columns: [',
      "          { name: 'id', type: 'int', isPrimary: true, isGenerated: true, generationStrategy: 'increment' },",
      ...entity.columns.map((column) => `          { name: '${column.name}', type: '${column.type.sql.split(/[ (]/u)[0]}', isNullable: ${column.nullable} },`),
      "          { name: 'created_at', type: 'timestamp', default: 'now()' },",
      '        ],',
      '      }),',
      '      true,',
      '    );',
    );
    down.push(`    await queryRunner.dropTable('${table}');`);
  } else {
    up.push(`    await queryRunner.query(\`CREATE TABLE "${table}" (${sqlColumns(entity)})\`);`);
    down.push(`    await queryRunner.query(\`DROP TABLE "${table}"\`);`);
  }
  if (entity.columns[0] && random.chance(0.5)) {
    up.push(`    await queryRunner.query(\`CREATE INDEX "IDX_${table}_${entity.columns[0].name}" ON "${table}" ("${entity.columns[0].name}")\`);`);
    down.unshift(`    await queryRunner.query(\`DROP INDEX "IDX_${table}_${entity.columns[0].name}"\`);`);
  }
  if (entity.parent !== undefined && !builder) {
    up.push(
      `    await queryRunner.query(\`ALTER TABLE "${table}" ADD CONSTRAINT "FK_${table}_parent" FOREIGN KEY ("parent_id") REFERENCES "${tableName(entity.parent)}"("id") ON DELETE CASCADE\`);`,
    );
    down.unshift(`    await queryRunner.query(\`ALTER TABLE "${table}" DROP CONSTRAINT "FK_${table}_parent"\`);`);
  }
  const imports = needsTable ? "import { Table, type MigrationInterface, type QueryRunner } from 'typeorm';" : "import type { MigrationInterface, QueryRunner } from 'typeorm';";
  return [
    imports,
    '',
    `export class ${className} implements MigrationInterface {`,
    `  name = '${className}';`,
    '',
    '  public async up(queryRunner: QueryRunner): Promise<void> {',
    ...up,
    '  }',
    '',
    '  public async down(queryRunner: QueryRunner): Promise<void> {',
    ...down,
    '  }',
    '}',
    '',
  ].join('\n');
}

function typeormService(entity, name, random) {
  const className = `${name.charAt(0).toUpperCase()}${name.slice(1)}Service`;
  const methods = random.int(2, 5);
  const lines = [
    "import { Repository, type FindOptionsWhere } from 'typeorm';",
    `import { ${entity.className} } from '../../models/${entity.domain}/${entity.className}';`,
    `import { assertPresent, pageOf, type Page } from '../../utils/${random.pick(['paging', 'asserts'])}';`,
    '',
    `export interface ${className}Options {`,
    '  readonly pageSize: number;',
    '  readonly audit: boolean;',
    '}',
    '',
    `/** Application logic around ${entity.className}. */`,
    `export class ${className} {`,
    '  constructor(',
    `    private readonly repository: Repository<${entity.className}>,`,
    `    private readonly options: ${className}Options = { pageSize: ${random.int(10, 100)}, audit: ${random.chance(0.5)} },`,
    '  ) {}',
    '',
  ];
  for (let method = 0; method < methods; method++) lines.push(...serviceMethod(entity.className, method, random));
  lines.push('}', '');
  return lines.join('\n');
}

function serviceMethod(typeName, method, random) {
  const verb = VERBS[(method + random.int(0, VERBS.length - 1)) % VERBS.length];
  return [
    `  async ${verb}${method}(where: FindOptionsWhere<${typeName}>, page = 0): Promise<Page<${typeName}>> {`,
    '    const take = this.options.pageSize;',
    '    const [items, total] = await this.repository.findAndCount({ where, take, skip: page * take });',
    '    if (this.options.audit) {',
    `      console.info('${verb}${method}', { total, page });`,
    '    }',
    `    for (const item of items) assertPresent(item, '${typeName}');`,
    '    return pageOf(items, total, page, take);',
    '  }',
    '',
  ];
}

// ---------------------------------------------------------------------------------------------
// Drizzle flavour

function drizzleSchemaModule(entity, entities) {
  const parent = entity.parent === undefined ? undefined : entities[entity.parent];
  const builders = new Set(['pgTable', 'serial', 'timestamp', 'index']);
  for (const column of entity.columns) builders.add(column.type.drizzle('x').split('(')[0]);
  if (parent) builders.add('integer');
  const lines = [`import { ${[...builders].sort().join(', ')} } from 'drizzle-orm/pg-core';`];
  if (parent) {
    const from = parent.domain === entity.domain ? `./${parent.constName}` : `../${parent.domain}/${parent.constName}`;
    lines.push(`import { ${parent.constName} } from '${from}';`);
  }
  lines.push('', `/** ${entity.className}: persisted in ${entity.table}. */`, `export const ${entity.constName} = pgTable(`, `  '${entity.table}',`, '  {', "    id: serial('id').primaryKey(),");
  for (const column of entity.columns) lines.push(`    ${column.name}: ${column.type.drizzle(column.name)}${column.nullable ? '' : '.notNull()'},`);
  if (parent) lines.push(`    parentId: integer('parent_id').references(() => ${parent.constName}.id, { onDelete: 'cascade' }),`);
  lines.push("    createdAt: timestamp('created_at').defaultNow().notNull(),", '  },');
  const first = entity.columns[0];
  lines.push(first ? `  (table) => [index('${entity.table}_${first.name}_idx').on(table.${first.name})],` : '  () => [],', ');', '');
  lines.push(`export type ${entity.className} = typeof ${entity.constName}.$inferSelect;`, `export type New${entity.className} = typeof ${entity.constName}.$inferInsert;`, '');
  return lines.join('\n');
}

function drizzleSqlMigration(slot, random) {
  const { entity, table } = slot;
  const columns = ['\t"id" serial PRIMARY KEY NOT NULL'];
  for (const column of entity.columns) columns.push(`\t"${column.name}" ${column.type.sql}${column.nullable ? '' : ' NOT NULL'}`);
  if (entity.parent !== undefined) columns.push('\t"parent_id" integer');
  columns.push('\t"created_at" timestamp DEFAULT now() NOT NULL');
  const statements = [`CREATE TABLE IF NOT EXISTS "${table}" (\n${columns.join(',\n')}\n);`];
  if (entity.parent !== undefined) {
    statements.push(
      [
        'DO $$ BEGIN',
        ` ALTER TABLE "${table}" ADD CONSTRAINT "${table}_parent_id_${tableName(entity.parent)}_id_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."${tableName(entity.parent)}"("id") ON DELETE cascade ON UPDATE no action;`,
        'EXCEPTION',
        ' WHEN duplicate_object THEN null;',
        'END $$;',
      ].join('\n'),
    );
  }
  if (entity.columns[0] && random.chance(0.6)) statements.push(`CREATE INDEX IF NOT EXISTS "${table}_${entity.columns[0].name}_idx" ON "${table}" USING btree ("${entity.columns[0].name}");`);
  return `${statements.join('\n--> statement-breakpoint\n')}\n`;
}

function drizzleService(entity, name, random) {
  const lines = [
    "import { and, eq, gt, type SQL } from 'drizzle-orm';",
    "import { db } from '../../db';",
    `import { ${entity.constName}, type ${entity.className} } from '../../db/schema/${entity.domain}/${entity.constName}';`,
    `import { assertPresent, pageOf, type Page } from '../../utils/${random.pick(['paging', 'asserts'])}';`,
    '',
    `const PAGE_SIZE = ${random.int(10, 100)};`,
    '',
  ];
  const methods = random.int(2, 5);
  for (let method = 0; method < methods; method++) {
    const verb = VERBS[(method + random.int(0, VERBS.length - 1)) % VERBS.length];
    lines.push(
      `/** ${verb} ${entity.className} rows (${name}). */`,
      `export async function ${verb}${entity.className}${method}(filter: SQL | undefined, afterId = 0, page = 0): Promise<Page<${entity.className}>> {`,
      `  const where = and(gt(${entity.constName}.id, afterId), filter);`,
      `  const items = await db.select().from(${entity.constName}).where(where).limit(PAGE_SIZE).offset(page * PAGE_SIZE);`,
      `  for (const item of items) assertPresent(item, '${entity.className}');`,
      '  return pageOf(items, items.length, page, PAGE_SIZE);',
      '}',
      '',
      `export async function remove${entity.className}${method}(id: number): Promise<void> {`,
      `  await db.delete(${entity.constName}).where(eq(${entity.constName}.id, id));`,
      '}',
      '',
    );
  }
  return lines.join('\n');
}

// ---------------------------------------------------------------------------------------------
// Plain modules shared by both flavours

function utilModule(index, random) {
  const lines = [`// Helpers #${index}: formatting and validation used across services.`, ''];
  const functions = random.int(5, 9);
  for (let fn = 0; fn < functions; fn++) {
    const kind = random.int(0, 3);
    const name = `${random.pick(['format', 'parse', 'normalise', 'check', 'merge'])}${random.pick(NOUNS)}${fn}`;
    if (kind === 0) {
      lines.push(`export function ${name}(value: string, fallback = '${random.pick(COLUMN_NAMES)}'): string {`, '  const trimmed = value.trim();', '  if (trimmed.length === 0) return fallback;', `  return trimmed.slice(0, ${random.int(16, 255)}).toLowerCase();`, '}', '');
    } else if (kind === 1) {
      lines.push(`export interface ${name.charAt(0).toUpperCase()}${name.slice(1)}Input {`, '  readonly id: number;', '  readonly label?: string;', '  readonly tags: readonly string[];', '}', '');
    } else if (kind === 2) {
      lines.push(
        `export function ${name}(items: readonly number[]): { total: number; max: number } {`,
        '  let total = 0;',
        '  let max = Number.NEGATIVE_INFINITY;',
        '  for (const item of items) {',
        '    total += item;',
        '    if (item > max) max = item;',
        '  }',
        '  return { total, max };',
        '}',
        '',
      );
    } else {
      lines.push(`export const ${name.toUpperCase()} = Object.freeze({`, `  retries: ${random.int(1, 9)},`, `  timeoutMs: ${random.int(100, 30000)},`, `  region: '${random.pick(['eu-west-1', 'us-east-1', 'ap-south-1'])}',`, '});', '');
    }
  }
  return lines.join('\n');
}

const PAGING_MODULE = `export interface Page<T> {
  readonly items: readonly T[];
  readonly total: number;
  readonly page: number;
  readonly pages: number;
}

export function pageOf<T>(items: readonly T[], total: number, page: number, size: number): Page<T> {
  return { items, total, page, pages: Math.ceil(total / Math.max(size, 1)) };
}

export function assertPresent<T>(value: T | null | undefined, what: string): asserts value is T {
  if (value === null || value === undefined) throw new Error(\`\${what} is missing\`);
}
`;

// ---------------------------------------------------------------------------------------------
// Project layout

/** Entity and migration slots: entity i's migration creates t_i, except for the "missing" few. */
function planProject(files, random) {
  const entityCount = Math.floor(files / 4);
  const migrationCount = entityCount;
  const entities = [];
  for (let index = 0; index < entityCount; index++) entities.push(describeEntity(index, random));
  const missing = new Set();
  const wanted = Math.max(1, Math.round(entityCount * MISSING_MIGRATION_RATE));
  while (missing.size < wanted) missing.add(random.int(0, entityCount - 1));
  // A missing entity's slot creates an unrelated table instead, so the migration count stays N/4.
  const slots = entities.map((entity) => ({ entity, table: missing.has(entity.index) ? `legacy_${entity.index}` : entity.table, builder: random.chance(0.4) }));
  return { entities, slots, missing, migrationCount };
}

/**
 * Copies the built plugin (dist/ and package.json) to PLUGIN_SNAPSHOT, which generated configs import, and links the
 * repository's node_modules next to it, so the copy and the configs resolve the repository's
 * ESLint, parser and plugin dependencies from the temp dir.
 */
export function snapshotPlugin() {
  const dist = path.join(REPO_ROOT, 'dist');
  if (!existsSync(path.join(dist, 'src', 'index.js'))) throw new Error('dist/src/index.js is missing: run `npm run build` first');
  rmSync(PLUGIN_SNAPSHOT, { recursive: true, force: true });
  cpSync(dist, PLUGIN_SNAPSHOT, { recursive: true, filter: (source) => !source.endsWith('.map') && !source.endsWith('.d.ts') });
  cpSync(path.join(REPO_ROOT, 'package.json'), path.join(PLUGIN_SNAPSHOT, 'package.json')); // the plugin reads its name and version
  const modules = path.join(GENERATED_DIR, 'node_modules');
  rmSync(modules, { recursive: true, force: true });
  symlinkSync(path.join(REPO_ROOT, 'node_modules'), modules, 'dir');
}

function writeFile(root, relativePath, text, written) {
  const absolute = path.join(root, relativePath);
  mkdirSync(path.dirname(absolute), { recursive: true });
  writeFileSync(absolute, text);
  written.push(relativePath);
}

function eslintConfig(root, flavour) {
  const pluginPath = path.relative(root, path.join(PLUGIN_SNAPSHOT, 'src', 'index.js')).split(path.sep).join('/');
  const [models, migrations] = flavour === 'typeorm' ? ['src/models/**/*.ts', 'src/migrations/*.ts'] : ['src/db/schema/**/*.ts', 'drizzle/*.sql'];
  return `// Generated by bench/generateProject.mjs: lints this project with the BUILT plugin, as copied from
// dist/ to plugin-dist/ next to this project when the benchmark started (npm run bench builds first).
import tsParser from '@typescript-eslint/parser';
import ormGuard from '${pluginPath.startsWith('.') ? pluginPath : `./${pluginPath}`}';

export default [
  {
    files: ['**/*.ts'],
    languageOptions: { parser: tsParser },
  },
  ormGuard.configs.recommended,
  {
    settings: {
      'orm-guard': {
        rootDir: import.meta.dirname,
        models: ['${models}'],
        migrations: ['${migrations}'],
      },
    },
  },
];
`;
}

function generateTypeorm(root, plan, random, written) {
  for (const entity of plan.entities) writeFile(root, `src/models/${entity.domain}/${entity.className}.ts`, typeormEntity(entity, plan.entities), written);
  plan.slots.forEach((slot, index) => {
    const timestamp = 1700000000000 + index * 60000;
    writeFile(root, `src/migrations/${timestamp}-Create${slot.entity.className}.ts`, typeormMigration(slot, timestamp, random), written);
  });
  writeFile(
    root,
    'src/data-source.ts',
    `import 'reflect-metadata';
import { DataSource } from 'typeorm';

export const AppDataSource = new DataSource({
  type: 'postgres',
  url: process.env.DATABASE_URL,
  entities: [__dirname + '/models/**/*.{ts,js}'],
  migrations: [__dirname + '/migrations/*.{ts,js}'],
  synchronize: false,
});
`,
    written,
  );
}

function generateDrizzle(root, plan, random, written) {
  for (const entity of plan.entities) writeFile(root, `src/db/schema/${entity.domain}/${entity.constName}.ts`, drizzleSchemaModule(entity, plan.entities), written);
  const entries = plan.slots.map((slot, index) => {
    const tag = `${pad(index, 4)}_${random.pick(ADJECTIVES)}_${random.pick(HEROES)}`;
    writeFile(root, `drizzle/${tag}.sql`, drizzleSqlMigration(slot, random), written);
    return { idx: index, version: '7', when: 1704103200000 + index * 3600000, tag, breakpoints: true };
  });
  writeFile(root, 'drizzle/meta/_journal.json', `${JSON.stringify({ version: '7', dialect: 'postgresql', entries }, null, 2)}\n`, written);
  writeFile(
    root,
    'drizzle.config.ts',
    `import { defineConfig } from 'drizzle-kit';

export default defineConfig({
  schema: './src/db/schema',
  out: './drizzle',
  dialect: 'postgresql',
  dbCredentials: { url: process.env.DATABASE_URL! },
});
`,
    written,
  );
  writeFile(
    root,
    'src/db/index.ts',
    `import { drizzle } from 'drizzle-orm/node-postgres';

export const db = drizzle(process.env.DATABASE_URL!);
`,
    written,
  );
}

/** Fills the project up to `files` source files with services and utils. */
function generatePlainModules(root, flavour, files, plan, random, written) {
  writeFile(root, 'src/utils/paging.ts', PAGING_MODULE, written);
  writeFile(root, 'src/utils/asserts.ts', `export { assertPresent, pageOf, type Page } from './paging';\n`, written);
  const remaining = files - written.length;
  for (let index = 0; index < remaining; index++) {
    if (index % 2 === 0 && plan.entities.length > 0) {
      const entity = random.pick(plan.entities);
      const name = `${random.pick(VERBS)}${entity.className}${index}`;
      const text = flavour === 'typeorm' ? typeormService(entity, name, random) : drizzleService(entity, name, random);
      writeFile(root, `src/services/${entity.domain}/${name}.service.ts`, text, written);
    } else {
      writeFile(root, `src/utils/${DOMAINS[index % DOMAINS.length]}/helpers${index}.ts`, utilModule(index, random), written);
    }
  }
}

/**
 * Generates (or reuses) the project and returns its manifest:
 * { flavour, files, seed, root, entities, migrations, missing: [table], entitySample, ... }.
 */
export function generateProject({ flavour, files, seed = 1, force = false }) {
  if (!FLAVOURS.includes(flavour)) throw new Error(`unknown flavour ${flavour} (expected ${FLAVOURS.join(' or ')})`);
  if (!Number.isInteger(files) || files < 40) throw new Error(`--files must be an integer >= 40 (got ${files})`);
  const root = path.join(GENERATED_DIR, `${flavour}-${files}`);
  const manifestPath = path.join(root, 'bench-manifest.json');
  if (!force && existsSync(manifestPath)) {
    const manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));
    if (manifest.generatorVersion === GENERATOR_VERSION && manifest.seed === seed) return { ...manifest, root };
  }
  rmSync(root, { recursive: true, force: true });
  const random = createRandom(seedFor(flavour, files, seed));
  const plan = planProject(files, random);
  const written = [];
  if (flavour === 'typeorm') generateTypeorm(root, plan, random, written);
  else generateDrizzle(root, plan, random, written);
  generatePlainModules(root, flavour, files, plan, random, written);
  writeFile(root, 'package.json', `${JSON.stringify({ name: `bench-${flavour}-${files}`, private: true, type: 'module' }, null, 2)}\n`, []);
  writeFile(root, 'eslint.config.js', eslintConfig(root, flavour), []);

  // A typical entity (one that has its migration) for the single-file measurements.
  const sample = plan.entities.find((entity, index) => index >= plan.entities.length / 2 && !plan.missing.has(entity.index)) ?? plan.entities[0];
  const entityFile = flavour === 'typeorm' ? `src/models/${sample.domain}/${sample.className}.ts` : `src/db/schema/${sample.domain}/${sample.constName}.ts`;
  const manifest = {
    generatorVersion: GENERATOR_VERSION,
    flavour,
    files,
    seed,
    sourceFiles: written.length,
    entities: plan.entities.length,
    migrations: plan.migrationCount,
    missing: [...plan.missing].sort((a, b) => a - b).map(tableName),
    entitySample: entityFile,
  };
  writeFileSync(manifestPath, `${JSON.stringify(manifest, null, 2)}\n`);
  return { ...manifest, root };
}

function parseArguments(argv) {
  const options = { flavour: 'typeorm', files: 1000, seed: 1, force: false };
  for (let index = 0; index < argv.length; index++) {
    const argument = argv[index];
    if (argument === '--force') options.force = true;
    else if (argument === '--flavour') options.flavour = argv[++index];
    else if (argument === '--files') options.files = Number(argv[++index]);
    else if (argument === '--seed') options.seed = Number(argv[++index]);
    else throw new Error(`unknown argument ${argument}`);
  }
  return options;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const started = performance.now();
  if (!existsSync(path.join(PLUGIN_SNAPSHOT, 'src', 'index.js'))) snapshotPlugin();
  const manifest = generateProject(parseArguments(process.argv.slice(2)));
  console.log(`${manifest.root}: ${manifest.sourceFiles} files (${manifest.entities} entities, ${manifest.migrations} migrations, ${manifest.missing.length} without migration) in ${Math.round(performance.now() - started)} ms`);
}
