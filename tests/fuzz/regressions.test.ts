/** Failures the fuzz suite found and that are fixed: each stays as a named test. */
import { parse } from '@typescript-eslint/typescript-estree';
import { AST_NODE_TYPES } from '@typescript-eslint/utils';
import { describe, expect, it } from 'vitest';
import { buildModuleConstLookup, resolveStaticString } from '../../src/ast/staticString.js';
import { HELPER_BUDGET_REASON, HELPER_DEPTH_REASON, MAX_HELPER_CALLS, MAX_HELPER_DEPTH } from '../../src/migrations/functionWalk.js';
import { readMigrationFile } from '../../src/migrations/readMigrationFile.js';
import { TOO_DEEP_SQL_REASON } from '../../src/migrations/readerReasons.js';
import type { MigrationFileFacts } from '../../src/schema/ddlEvent.js';
import { validateSettings } from '../../src/settings/validateSettings.js';
import { INTERPOLATION_MARK } from '../../src/sql/scanSqlDdl.js';
import { checkMigrationFacts } from './support/invariants.js';
import { helperChainMigration, MIGRATION_FORMATS, type MigrationFormat } from './support/scriptArbitraries.js';
import { buildEditedSettings, type EditedSettings, type Json } from './support/settingsArbitraries.js';

const P = "settings['orm-guard']";

function problemOf(raw: unknown): { path: string; message: string } | undefined {
  const result = validateSettings(raw);
  return result.ok ? undefined : result.problem;
}

describe('fuzz regressions: validateSettings', () => {
  // Found by "edited valid settings" (seed 20251104): Array.prototype.map skips holes, so a
  // stray comma in a config file (`['a', , 'b']`) passed validation and left a hole in the list.
  it('rejects a hole in a glob list instead of returning a list with a hole', () => {
    // eslint-disable-next-line no-sparse-arrays
    expect(problemOf({ models: ['src/models/**', , 'src/entities/**'] })).toEqual({
      path: `${P}.models[1]`,
      message: `${P}.models[1] must be a non-empty glob string (got undefined).`,
    });
  });

  it('rejects a hole in a named migration set', () => {
    // eslint-disable-next-line no-sparse-arrays
    expect(problemOf({ migrations: { postgres: [, 'db/*.sql'] } })?.path).toBe(`${P}.migrations.postgres[0]`);
  });

  it('rejects a hole in markers, orm lists and scopes', () => {
    // eslint-disable-next-line no-sparse-arrays
    expect(problemOf({ markers: [, { package: '@acme/db', name: 'Model' }] })?.path).toBe(`${P}.markers[0]`);
    // eslint-disable-next-line no-sparse-arrays
    expect(problemOf({ orm: ['typeorm', , 'knex'] })?.path).toBe(`${P}.orm[1]`);
    // eslint-disable-next-line no-sparse-arrays
    expect(problemOf({ scopes: [{ name: 'api', root: 'api' }, ,] })?.path).toBe(`${P}.scopes[1]`);
  });

  it('still accepts the same lists without holes', () => {
    const result = validateSettings({ models: ['src/models/**', 'src/entities/**'], orm: ['typeorm', 'knex'] });
    expect(result.ok && result.settings.topLevel.models).toEqual(['src/models/**', 'src/entities/**']);
    expect(result.ok && result.settings.topLevel.orms).toEqual(['typeorm', 'knex']);
  });

  // Found by `npm run fuzz` (seed 424242, "edited valid settings"), a bug in the fuzz harness: a
  // `set` edit put the plan's own value into the settings, a later `hole` edit changed it in place,
  // so building the same plan twice gave two different settings objects (and answers).
  it('an edit plan builds equal settings every time (fuzz harness)', () => {
    // The value was `[[[,]]]`: a one-element list whose element is a hole.
    const plan: EditedSettings = { base: 4, edits: [{ op: 'set', at: 452130681, value: [[new Array<Json>(1)]] }, { op: 'wrap', at: 846039721 }, { op: 'hole', at: 770759401 }] };
    const first = buildEditedSettings(plan);
    const second = buildEditedSettings(plan);
    expect(second).toEqual(first);
    expect(problemOf(second)).toEqual(problemOf(first));
    expect(problemOf(first)?.path).toBe(`${P}.interpolations`);
  });
});

function migrationFacts(format: MigrationFormat, depth: number, fanOut: number): MigrationFileFacts {
  const { text } = helperChainMigration(format, { depth, fanOut });
  const facts = readMigrationFile(`migrations/1700000000000-helpers-${depth}x${fanOut}.ts`, text);
  checkMigrationFacts(text, facts);
  return facts;
}

function eventsAndSkips(facts: MigrationFileFacts): { events: number; skipReasons: string[] } {
  if (facts.kind !== 'migration') throw new Error(`expected a migration, got ${JSON.stringify(facts)}`);
  return { events: facts.events.length, skipReasons: [...new Set(facts.skipped.map((skip) => skip.reason))] };
}

describe('fuzz regressions: helpers calling helpers in script migrations (src/migrations/functionWalk.ts)', () => {
  // Found by "generated migrations" (seed 20251104, typeorm helper chain x1500): helpers were
  // followed recursively, several stack frames each, so ~1,500 helpers each calling the next
  // (flat code) overflowed the stack and the whole file came back unreadable.
  for (const format of MIGRATION_FORMATS) {
    it(`${format}: a chain of 2,000 helpers is a migration with a skip at the depth limit, not a stack overflow`, () => {
      const facts = migrationFacts(format, 2_000, 1);
      // The create is in the innermost helper, beyond the limit: not read, and not guessed.
      expect(eventsAndSkips(facts)).toEqual({ events: 0, skipReasons: [HELPER_DEPTH_REASON] });
    });

    it(`${format}: a chain just within the depth limit is still read to its end`, () => {
      // `up` is the first function on the walk's stack, so MAX_HELPER_DEPTH - 1 helper links fit.
      expect(eventsAndSkips(migrationFacts(format, MAX_HELPER_DEPTH - 1, 1))).toEqual({ events: 1, skipReasons: [] });
      expect(eventsAndSkips(migrationFacts(format, MAX_HELPER_DEPTH, 1))).toEqual({ events: 0, skipReasons: [HELPER_DEPTH_REASON] });
    });
  }

  // Found by "generated migrations" (seed 20251104): a helper calling the previous one twice made
  // the readers walk 2^depth helper bodies; 3^12 calls ran for minutes and blew the heap.
  for (const format of MIGRATION_FORMATS) {
    it(`${format}: 17 helpers each calling the previous one twice stop at the helper-call budget`, () => {
      const { events, skipReasons } = eventsAndSkips(migrationFacts(format, 17, 2));
      expect(skipReasons).toEqual([HELPER_BUDGET_REASON]);
      // One create per leaf call reached, never more calls than the budget.
      expect(events).toBeGreaterThan(0);
      expect(events).toBeLessThanOrEqual(MAX_HELPER_CALLS);
    });

    it(`${format}: 40 helpers each calling the previous one four times end with the same budget skip`, () => {
      const { events, skipReasons } = eventsAndSkips(migrationFacts(format, 40, 4));
      expect(skipReasons).toEqual([HELPER_BUDGET_REASON]);
      expect(events).toBeLessThanOrEqual(MAX_HELPER_CALLS);
    });

    it(`${format}: a small fan-out within the budget is read in full`, () => {
      expect(eventsAndSkips(migrationFacts(format, 5, 2))).toEqual({ events: 2 ** 5, skipReasons: [] });
    });
  }
});

/** Resolves the expression of the program's last statement (`value;`) in module scope. */
function resolveLast(text: string): string | undefined {
  const program = parse(text, { loc: true, range: true });
  const last = program.body[program.body.length - 1];
  if (last?.type !== AST_NODE_TYPES.ExpressionStatement) throw new Error('the text must end with an expression statement');
  return resolveStaticString(last.expression, buildModuleConstLookup(program));
}

function lines(count: number, line: (index: number) => string): string {
  return Array.from({ length: count }, (_unused, index) => line(index + 1)).join('\n');
}

describe('fuzz regressions: constant resolution (src/ast/staticString.ts)', () => {
  // Found by "generated migrations"/"generated entity modules" (template-chain, spread-chain x1500+):
  // each const followed inside another cost stack frames, so long flat chains overflowed the stack.
  it('a chain of 5,000 consts each built from the previous one gives up instead of overflowing the stack', () => {
    const text = `const c0 = 'users';\n${lines(5_000, (i) => `const c${i} = \`\${c${i - 1}}_x\`;`)}\nc5000;`;
    const value = resolveLast(text);
    // Past the depth bound the inner part is unknown: marked as runtime text, never guessed.
    expect(value === undefined || value.includes(INTERPOLATION_MARK)).toBe(true);
  });

  it('a chain of 100 such consts is still resolved exactly', () => {
    const text = `const c0 = 'users';\n${lines(100, (i) => `const c${i} = \`\${c${i - 1}}_x\`;`)}\nc100;`;
    expect(resolveLast(text)).toBe(`users${'_x'.repeat(100)}`);
  });

  // Found by "generated migrations" (concat-left x1500+): `a + b + c` nests to the left, one level
  // per `+`, and was resolved recursively; SQL written line by line overflowed the stack.
  // (typescript-estree itself overflows its stack from about a thousand operands, so 500 it is.)
  it("a 500-operand 'a' + 'b' + … chain resolves in full", () => {
    const text = `'CREATE TABLE users (' + ${lines(500, (i) => `'c${i} int, '`).split('\n').join(' + ')} + 'id int)';`;
    expect(resolveLast(text)).toBe(`CREATE TABLE users (${Array.from({ length: 500 }, (_unused, i) => `c${i + 1} int, `).join('')}id int)`);
  });

  it('unknown operands of a + chain stay marked in place', () => {
    expect(resolveLast("'CREATE TABLE ' + prefix + 'users' + suffix;")).toBe(`CREATE TABLE ${INTERPOLATION_MARK}users${INTERPOLATION_MARK}`);
    expect(resolveLast('a + b + c;')).toBeUndefined();
    // An unknown head is one runtime part, however many operands it has.
    expect(resolveLast("a + b + 'users';")).toBe(`${INTERPOLATION_MARK}users`);
  });

  it('SQL behind a chain of 1,000 aliases is skipped as too deep to read, not as built at runtime', () => {
    const aliases = lines(1_000, (i) => `const sql${i} = sql${i - 1};`);
    const text = `import { MigrationInterface, QueryRunner } from 'typeorm';\nconst sql0 = 'CREATE TABLE orders (id int)';\n${aliases}\nexport class Orders1700000000000 implements MigrationInterface {\n  async up(queryRunner: QueryRunner): Promise<void> {\n    await queryRunner.query(sql1000);\n  }\n}\n`;
    const facts = readMigrationFile('migrations/1700000000000-orders.ts', text);
    expect(facts).toEqual({ kind: 'migration', events: [], skipped: [{ line: 1005, reason: TOO_DEEP_SQL_REASON }] });
  });

  it('a TypeORM migration whose SQL is 500 concatenated lines reads its create', () => {
    const sql = `'CREATE TABLE "orders" (' + ${lines(500, (i) => `'"c${i}" int, '`).split('\n').join(' + ')} + '"id" int)'`;
    const text = `import { MigrationInterface, QueryRunner } from 'typeorm';\nexport class Orders1700000000000 implements MigrationInterface {\n  async up(queryRunner: QueryRunner): Promise<void> {\n    await queryRunner.query(${sql});\n  }\n}\n`;
    const facts = readMigrationFile('migrations/1700000000000-orders.ts', text);
    expect(facts.kind === 'migration' ? facts.events.map((event) => [event.kind, event.table.name]) : facts).toEqual([['create-table', 'orders']]);
  });
});
