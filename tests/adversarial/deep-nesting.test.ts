import { parse } from '@typescript-eslint/typescript-estree';
import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';
import { ESLint } from 'eslint';
import tsParser from '@typescript-eslint/parser';
import { afterEach, describe, expect, it } from 'vitest';
import plugin, { clearCaches } from '../../src/index.js';
import { walkAst } from '../../src/ast/walkAst.js';
import { detectEntities } from '../../src/entities/detectEntities.js';
import { readMigrationFile, readMigrationProgram } from '../../src/migrations/readMigrationFile.js';
import { scanSqlDdlWithSkips } from '../../src/sql/scanSqlDdl.js';
import { lintProject, lintWithSettings, projectSettings, typeormEntity, typeormMigration, writeTempProject, type TempProject } from './support/adversarialProject.js';

// 10,000-deep nesting must never overflow the stack where it escapes: the SQL scanner keeps no
// stack at all, and a script that is too deep to parse or walk is skipped with a message naming it.

const DEPTH = 10_000;

/** Nested constructs as statements of a migration's `up` (or a module's top level). */
const NESTINGS: Record<string, (depth: number) => string> = {
  parentheses: (depth) => `    const parenthesised = ${'('.repeat(depth)}1${')'.repeat(depth)};`,
  'template literals': (depth) => `    const templated = ${'`${'.repeat(depth)}'x'${'}`'.repeat(depth)};`,
  blocks: (depth) => `    ${'{ '.repeat(depth)}${'} '.repeat(depth)}`,
  arrays: (depth) => `    const listed = ${'['.repeat(depth)}1${']'.repeat(depth)};`,
  'string concatenation': (depth) => `    const joined = 'a'${" + 'a'".repeat(depth)};`,
  // The readers resolve this one: a static string the SQL scanner then reads.
  'a concatenated SQL argument': (depth) => `    await queryRunner.query('CREATE TABLE joined (id int)'${" + ''".repeat(depth)});`,
  'a parenthesised SQL argument': (depth) => `    await queryRunner.query(${'('.repeat(depth)}'CREATE TABLE wrapped (id int)'${')'.repeat(depth)});`,
};

describe('10,000-deep nesting in SQL', () => {
  it.each([
    ['parentheses', `SELECT ${'('.repeat(DEPTH)}1${')'.repeat(DEPTH)};`],
    ['subqueries', `SELECT * FROM ${'(SELECT * FROM '.repeat(DEPTH)}t${') AS s'.repeat(DEPTH)};`],
    ['block comments', `${'/* '.repeat(DEPTH)}DROP TABLE kept;${' */'.repeat(DEPTH)}`],
    ['a CHECK expression inside CREATE TABLE', `CREATE TABLE nested (id int CHECK ${'('.repeat(DEPTH)}id > 0${')'.repeat(DEPTH)});`],
  ])('reads the statements around %s', (_name, nested) => {
    const scan = scanSqlDdlWithSkips(`CREATE TABLE kept (id int);\n${nested}\nCREATE TABLE after_it (id int);\n`);
    expect(scan.events.map((event) => `${event.kind} ${event.table.name}`).filter((entry) => entry !== 'create-table nested')).toEqual([
      'create-table kept',
      'create-table after_it',
    ]);
  });
});

describe('10,000-deep nesting in a TypeScript migration', () => {
  it.each(Object.entries(NESTINGS))('%s: the file is skipped as too deep to read, without throwing', (_name, nest) => {
    const text = typeormMigration('Deep1700000000000', ['`CREATE TABLE "deep" (id int)`'], nest(DEPTH));
    expect(readMigrationFile('/project/src/migrations/1700000000000-Deep.ts', text)).toEqual({
      kind: 'unreadable',
      reason: 'could not be parsed (it is nested too deeply to read)',
    });
  });
});

describe('nesting the parser handles, in a TypeScript migration', () => {
  it.each([
    ['a concatenated SQL argument', 'joined'],
    ['a parenthesised SQL argument', 'wrapped'],
  ])('%s 400 deep is read', (name, table) => {
    const text = typeormMigration('Deep1700000000000', ['`CREATE TABLE "users" (id int)`'], NESTINGS[name]?.(400) ?? '');
    const facts = readMigrationFile('/project/src/migrations/1700000000000-Deep.ts', text);
    expect(facts.kind === 'migration' ? facts.events.map((event) => event.table.name) : facts).toEqual(['users', table]);
  });
});

describe('10,000-deep nesting, end to end through the rules', () => {
  let project: TempProject | undefined;
  afterEach(() => project?.remove());

  it.each(Object.entries(NESTINGS))(
    '%s in a migration and an entity file: the other files are still read and the message names the deep migration',
    async (_name, nest) => {
      project = writeTempProject({
        'src/migrations/1700000000000-Users.ts': typeormMigration('Users1700000000000', ['`CREATE TABLE "users" (id int)`']),
        'src/migrations/1700000000100-Deep.ts': typeormMigration('Deep1700000000100', ['`CREATE TABLE "deep_things" (id int)`'], nest(DEPTH)),
        'src/models/User.ts': typeormEntity('User', 'users'),
        'src/models/DeepThing.ts': typeormEntity('DeepThing', 'deep_things'),
        'src/models/Deep.ts': `${typeormEntity('Deep', 'users_deep')}${nest(DEPTH)}\n`,
      });
      const findings = await lintProject(project, ['src/models/User.ts', 'src/models/DeepThing.ts', 'src/models/Deep.ts']);
      const deepFile = findings.filter((finding) => finding.file === 'src/models/Deep.ts');
      // ESLint itself cannot parse the deep file: one parsing error, and the lint goes on.
      expect(deepFile.map(({ rule }) => rule)).toEqual(['fatal']);
      expect(deepFile[0]?.message).toMatch(/^Parsing error: /u);
      expect(findings.filter((finding) => finding.file !== 'src/models/Deep.ts')).toEqual([
        {
          file: 'src/models/DeepThing.ts',
          line: 3,
          rule: 'orm-guard/entity-has-migration',
          message: expect.stringContaining(
            '(read 1 migration file matching src/migrations/**/*.{ts,sql}). src/migrations/1700000000100-Deep.ts could not be parsed (it is nested too deeply to read); tables created there are not counted.',
          ) as string,
        },
      ]);
    },
  );
});

/** Lints `text` as `file` of the project with only the parser, or with the plugin's strict rules too. */
async function lintText(project: TempProject, file: string, text: string, withPlugin: boolean): Promise<ESLint.LintResult> {
  clearCaches();
  const eslint = new ESLint({
    cwd: project.root,
    overrideConfigFile: true,
    overrideConfig: withPlugin
      ? [plugin.configs.strict, { settings: { 'orm-guard': projectSettings(project.root) } }]
      : [{ files: ['**/*.ts'], languageOptions: { parser: tsParser } }],
  });
  const [result] = await eslint.lintText(text, { filePath: project.file(file) });
  if (result === undefined) throw new Error('ESLint returned no result');
  return result;
}

/** The deepest nesting (up to DEPTH) ESLint parses and traverses without a fatal error, by bisection. */
async function deepestEslintHandles(project: TempProject, file: string, build: (depth: number) => string): Promise<number> {
  let low = 0;
  let high = DEPTH;
  while (low < high) {
    const middle = Math.ceil((low + high) / 2);
    const result = await lintText(project, file, build(middle), false);
    if (result.fatalErrorCount === 0) low = middle;
    else high = middle - 1;
  }
  return low;
}

// Below ESLint's own limit the linted file is parsed and traversed, and the rules walk it while
// ESLint's traversal already holds a deep stack: they must not be the ones to overflow.
describe('nearly the deepest nesting ESLint itself can lint', () => {
  let project: TempProject | undefined;
  afterEach(() => project?.remove());

  it.each(Object.entries(NESTINGS))('%s: the rules add no crash on the linted migration or entity', async (_name, nest) => {
    project = writeTempProject({ 'src/models/User.ts': typeormEntity('User', 'users') });
    const migration = (depth: number): string => typeormMigration('Deep1700000000000', ['`CREATE TABLE "users" (id int)`'], nest(depth));
    const entity = (depth: number): string => `${typeormEntity('Deep', 'users')}export function build() {\n${nest(depth)}\n}\n`;
    for (const [file, build] of [
      ['src/migrations/1700000000000-Deep.ts', migration],
      ['src/models/Deep.ts', entity],
    ] as const) {
      // A margin below the limit: how deep the engine's stack reaches varies a little between runs.
      const depth = Math.floor((await deepestEslintHandles(project, file, build)) * 0.9);
      expect(depth).toBeGreaterThan(100);
      const result = await lintText(project, file, build(depth), true);
      expect(result.messages.filter((message) => message.fatal === true)).toEqual([]);
    }
  });
});

describe('10,000-deep nesting in the configuration files zero-config reads', () => {
  let project: TempProject | undefined;
  afterEach(() => project?.remove());

  it('no config crashes the lint: the readable ones still locate the models and migrations', async () => {
    const deepArray = `${'['.repeat(DEPTH)}1${']'.repeat(DEPTH)}`;
    const deepObject = `${'{"a":'.repeat(DEPTH)}1${'}'.repeat(DEPTH)}`;
    project = writeTempProject({
      'package.json': `{"name":"deep","dependencies":{"typeorm":"1","drizzle-orm":"1","knex":"1","sequelize":"1"},"deep":${deepArray},"more":${deepObject}}`,
      'tsconfig.json': `{"compilerOptions":{"outDir":"dist","rootDir":"src","paths":${deepObject}},"x":${deepArray}}`,
      'ormconfig.json': `{"type":"postgres","entities":["src/models/*.ts"],"migrations":["src/migrations/*.ts"],"extra":${deepArray},"cli":${deepObject}}`,
      'drizzle.config.json': `{"out":"./drizzle","schema":"./src/schema.ts","x":${deepObject}}`,
      'drizzle/meta/_journal.json': `{"entries":${deepArray},"x":${deepObject}}`,
      'knexfile.js': `module.exports = { client: 'pg', migrations: { directory: './db' }, x: ${'('.repeat(DEPTH)}1${')'.repeat(DEPTH)} };`,
      '.sequelizerc': `module.exports = { x: ${deepArray} };`,
      'config/config.json': `{"development":${deepObject}}`,
      'src/data-source.ts': `import { DataSource } from 'typeorm';\nexport default new DataSource({ type: 'postgres', entities: ['src/models/*.ts'], migrations: ['src/migrations/*.ts'], extra: ${deepArray} });\n`,
      'src/models/User.ts': typeormEntity('User', 'users'),
      'src/models/Ghost.ts': typeormEntity('Ghost', 'ghosts'),
      'src/migrations/1700000000000-Users.ts': typeormMigration('Users1700000000000', ['`CREATE TABLE "users" (id int)`']),
    });
    const findings = await lintWithSettings(project, ['src/models'], { rootDir: project.root, cacheLifetime: 0 });
    expect(findings.map(({ file, rule }) => `${file} ${rule}`)).toEqual(['src/models/Ghost.ts orm-guard/entity-has-migration']);
    expect(findings[0]?.message).toContain('(read 1 migration file matching src/migrations/*.ts');
  });
});

/** `'CREATE TABLE ' + '' + '' ... + '<table> (id int)'` as a left-leaning chain `depth` deep, built by hand. */
function deepConcatenation(template: TSESTree.Literal, depth: number, table: string): TSESTree.Expression {
  const literal = (value: string): TSESTree.Literal => ({ ...template, value, raw: JSON.stringify(value) });
  let chain: TSESTree.Expression = literal('CREATE TABLE ');
  for (let i = 0; i < depth; i++) {
    chain = { type: AST_NODE_TYPES.BinaryExpression, operator: '+', left: chain, right: literal(''), range: template.range, loc: template.loc } as TSESTree.BinaryExpression;
  }
  return { type: AST_NODE_TYPES.BinaryExpression, operator: '+', left: chain, right: literal(`${table} (id int)`), range: template.range, loc: template.loc } as TSESTree.BinaryExpression;
}

/** The first string literal argument of a call in `program`, to be replaced. */
function firstStringArgument(program: TSESTree.Program): TSESTree.CallExpression {
  let found: TSESTree.CallExpression | undefined;
  walkAst(program, (node) => {
    if (found === undefined && node.type === AST_NODE_TYPES.CallExpression && node.arguments[0]?.type === AST_NODE_TYPES.Literal) found = node;
  });
  if (found === undefined) throw new Error('no call with a string argument');
  return found;
}

// The parser stops near a thousand levels, but the readers must not rely on it: an AST deeper than
// any parser builds still yields a result or a named skip, never an exception.
describe('ASTs deeper than the parser builds, made by hand', () => {
  it('a migration reader reads 100,000-deep concatenated SQL, or names the statement or file it skipped', () => {
    const program = parse(typeormMigration('Deep1700000000000', ["'placeholder'"]), { loc: true, range: true });
    const call = firstStringArgument(program);
    (call.arguments as TSESTree.Expression[])[0] = deepConcatenation(call.arguments[0] as TSESTree.Literal, 100_000, 'deep_sql');
    const facts = readMigrationProgram(program);
    const outcome =
      facts.kind === 'unreadable'
        ? facts.reason
        : facts.kind === 'migration'
          ? [...facts.events.map((event) => `read ${event.table.name}`), ...facts.skipped.map((skip) => `skipped line ${skip.line}`)].join(', ')
          : facts.kind;
    // Which one depends on how deep the string resolver follows; each is shown to the user.
    expect(['read deep_sql', 'skipped line 5', 'is nested too deeply to read']).toContain(outcome);
  });

  it('entity detection reads a 100,000-deep concatenated table name, or skips the entity', () => {
    const program = parse(`import { Entity } from 'typeorm';\n@Entity('placeholder')\nexport class Deep {}\n`, { loc: true, range: true });
    const decorator = firstStringArgument(program);
    (decorator.arguments as TSESTree.Expression[])[0] = deepConcatenation(decorator.arguments[0] as TSESTree.Literal, 100_000, 'deep_entities');
    const entities = detectEntities(program);
    expect(entities.length <= 1).toBe(true);
    if (entities[0]?.tableName.resolved === true) expect(entities[0].tableName.table.name).toBe('CREATE TABLE deep_entities (id int)');
  });
});
