import { AST_NODE_TYPES } from '@typescript-eslint/utils';
import { resolveConstExpression, unwrapExpression } from '../ast/staticString.js';
import { configObjectsOf, findProperty, type ConfigObject } from './configObjects.js';
import type { InferenceContext } from './inferenceContext.js';
import { exportedValues, where, type ValueRef } from './moduleGraph.js';
import { isRecord, scriptFlagPaths } from './packageJson.js';
import { listed, type OrmFindings, type ReaderInput } from './ormFindings.js';
import { readProjectPath } from './pathExpressions.js';
import { globUnder, isGlobPattern, normaliseRelative } from './projectPaths.js';

/** drizzle-kit's lookup order for a config in the working directory. */
const DEFAULT_CONFIGS = ['drizzle.config.ts', 'drizzle.config.js', 'drizzle.config.json', 'drizzle.config.mjs', 'drizzle.config.mts', 'drizzle.config.cjs', 'drizzle.config.cts'];
const DRIZZLE_CLI = /drizzle-kit/u;
/** drizzle-kit reads a schema folder's files (not sub-folders) with these extensions. */
const SCHEMA_FOLDER_FILES = '*.{ts,js,mts,cts,mjs,cjs}';
const DEFAULT_OUT = 'drizzle';

/**
 * Drizzle: `drizzle.config.*` (or `--config` in scripts; several configs give the union):
 * `schema` (file, folder or glob; string or array) gives the models, `out` (default
 * `./drizzle`) the migrations: `<out>/*.sql` (drizzle-kit 0.x) and `<out>/*\/migration.sql`
 * (drizzle-kit 1.x folders). Paths are relative to the working directory (the root).
 */
export function inferDrizzle({ context, packageFacts, listed: listedOrms }: ReaderInput, findings: OrmFindings): void {
  const fromScripts = scriptFlagPaths(packageFacts, DRIZZLE_CLI, ['--config']);
  const defaultConfig = DEFAULT_CONFIGS.find((file) => context.entryKind(file) === 'file');
  const files = [...(defaultConfig === undefined ? [] : [defaultConfig]), ...fromScripts].filter((file, index, all) => all.indexOf(file) === index);
  let found = false;
  for (const file of files) {
    if (context.entryKind(file) !== 'file') {
      context.note(`${file} (passed to drizzle-kit in package.json) does not exist.`);
      continue;
    }
    found = (file.endsWith('.json') ? readJsonConfig(context, file, findings) : readModuleConfig(context, file, findings)) || found;
  }
  if (found) findings.configured.add('drizzle');
  else if (listedOrms.has('drizzle') && files.length === 0) {
    context.note('Drizzle is a dependency, but no drizzle.config.* was found at the root or passed with --config in package.json scripts.');
  }
}

function readModuleConfig(context: InferenceContext, file: string, findings: OrmFindings): boolean {
  context.addSource(file);
  const loaded = context.loadModule(file);
  if (!loaded.ok) {
    context.note(`${file} was not read: ${loaded.reason}.`);
    return false;
  }
  const configs = exportedValues(loaded.module).flatMap((value) => {
    const read = configObjectsOf(context, value);
    read.problems.forEach((problem) => context.note(problem));
    return read.objects;
  });
  if (configs.length === 0) {
    context.note(`${file} exports no readable drizzle-kit config.`);
    return false;
  }
  for (const config of configs) {
    const models = readSchema(context, config);
    const out = readOut(context, config);
    const migrations = out === undefined ? [] : migrationGlobs(out);
    findings.addModels(models);
    findings.addMigrations(migrations);
    context.note(`Drizzle (${where(config)}): schema ${listed(models)}; migrations ${listed(migrations)}.`);
  }
  return true;
}

function readSchema(context: InferenceContext, config: ConfigObject): string[] {
  const schema = findProperty(context, config, 'schema');
  if (schema.kind === 'absent') return [];
  if (schema.kind === 'unknown') {
    context.note(`${where(config)}: schema was not read: ${schema.reason}.`);
    return [];
  }
  return listEntries(schema.value).flatMap((entry) => {
    const path = readProjectPath(context, entry, '');
    if (path.ok) return [schemaGlob(context, path.path)];
    context.note(`${where(entry)}: schema was not read: ${path.reason}.`);
    return [];
  });
}

function readOut(context: InferenceContext, config: ConfigObject): string | undefined {
  const out = findProperty(context, config, 'out');
  if (out.kind === 'absent') return DEFAULT_OUT;
  if (out.kind === 'unknown') {
    context.note(`${where(config)}: out was not read: ${out.reason}.`);
    return undefined;
  }
  const path = readProjectPath(context, out.value, '');
  if (path.ok) return path.path;
  context.note(`${where(out.value)}: out was not read: ${path.reason}.`);
  return undefined;
}

function readJsonConfig(context: InferenceContext, file: string, findings: OrmFindings): boolean {
  context.addSource(file);
  const json = context.readJson(file);
  if (json === undefined || !json.ok || !isRecord(json.value)) {
    context.note(`${file} was not read: ${json !== undefined && !json.ok ? json.reason : 'it is not a JSON object'}.`);
    return false;
  }
  const schemaValue = json.value.schema;
  const schemas = (Array.isArray(schemaValue) ? schemaValue : schemaValue === undefined ? [] : [schemaValue]).flatMap((entry: unknown) => {
    const path = typeof entry === 'string' ? normaliseRelative(entry) : undefined;
    return path === undefined ? [] : [schemaGlob(context, path)];
  });
  const outValue = json.value.out;
  const out = outValue === undefined ? DEFAULT_OUT : typeof outValue === 'string' ? normaliseRelative(outValue) : undefined;
  const migrations = out === undefined ? [] : migrationGlobs(out);
  findings.addModels(schemas);
  findings.addMigrations(migrations);
  context.note(`Drizzle (${file}): schema ${listed(schemas)}; migrations ${listed(migrations)}.`);
  return true;
}

/** A schema file or glob as is; a folder as its direct module files (what drizzle-kit reads). */
function schemaGlob(context: InferenceContext, path: string): string {
  if (isGlobPattern(path) || context.entryKind(path) === 'file' || /\.[cm]?[jt]sx?$/u.test(path)) return path;
  return globUnder(path, SCHEMA_FOLDER_FILES);
}

function migrationGlobs(out: string): string[] {
  return [globUnder(out, '*.sql'), globUnder(out, '*/migration.sql')];
}

/** `'a'` or `['a', 'b']` (through consts). */
function listEntries(value: ValueRef): ValueRef[] {
  const resolved = resolveConstExpression(value.node, value.scope);
  const node = resolved?.node ?? unwrapExpression(value.node);
  const scope = resolved?.scope ?? value.scope;
  if (node.type !== AST_NODE_TYPES.ArrayExpression) return [value];
  return node.elements.flatMap((element) =>
    element === null || element.type === AST_NODE_TYPES.SpreadElement ? [] : [{ node: element, scope, module: value.module }],
  );
}
