import { configObjectsOf, findProperty, type ConfigObject } from './configObjects.js';
import type { InferenceContext } from './inferenceContext.js';
import { exportedValues, where } from './moduleGraph.js';
import { isRecord, scriptFlagPaths } from './packageJson.js';
import { listed, type OrmFindings, type ReaderInput } from './ormFindings.js';
import { readProjectPath } from './pathExpressions.js';
import { globUnder, normaliseRelative, parentOf } from './projectPaths.js';

const PRISMA_CONFIGS = ['prisma.config.ts', 'prisma.config.mts', 'prisma.config.cts', 'prisma.config.js', 'prisma.config.mjs', 'prisma.config.cjs', '.config/prisma.ts'];
const PRISMA_CLI = /(^|\/)prisma$/u;
/** Each Prisma migration is a folder holding `migration.sql`. */
const MIGRATION_FILES = '*/migration.sql';

/**
 * Prisma: migrations are `<folder>/*\/migration.sql`, the folder being `migrations.path` of
 * `prisma.config.*`, else `migrations/` next to the schema (`schema` of prisma.config.*,
 * `--schema` in scripts, package.json `prisma.schema`, `prisma/schema.prisma`,
 * `schema.prisma`, or a `prisma/schema/` folder). Prisma has no TypeScript models.
 */
export function inferPrisma({ context, packageFacts, listed: listedOrms }: ReaderInput, findings: OrmFindings): void {
  const config = readPrismaConfig(context);
  const packageSettings = packageFacts.raw.prisma;
  const packageSchema = isRecord(packageSettings) && typeof packageSettings.schema === 'string' ? normaliseRelative(packageSettings.schema) : undefined;
  const schemaCandidates = [
    config?.schema,
    scriptFlagPaths(packageFacts, PRISMA_CLI, ['--schema'])[0],
    packageSchema,
    'prisma/schema.prisma',
    'schema.prisma',
    'prisma/schema',
  ];
  const schema = schemaCandidates.find((candidate): candidate is string => candidate !== undefined && context.entryKind(candidate) !== undefined);
  const migrationsFolder = config?.migrations ?? (schema === undefined ? undefined : schemaMigrationsFolder(context, schema));
  if (schema === undefined && config?.migrations === undefined) {
    if (listedOrms.has('prisma')) context.note('Prisma is a dependency, but no schema.prisma was found (prisma.config, package.json "prisma.schema", prisma/schema.prisma, schema.prisma).');
    return;
  }
  if (schema !== undefined) context.addSource(schema);
  findings.configured.add('prisma');
  const migrations = migrationsFolder === undefined ? [] : [globUnder(migrationsFolder, MIGRATION_FILES)];
  findings.addMigrations(migrations);
  context.note(`Prisma (${schema ?? config?.file ?? 'prisma.config'}): migrations ${listed(migrations)}; Prisma models live in the schema, so no model files are inferred.`);
}

function schemaMigrationsFolder(context: InferenceContext, schema: string): string {
  const folder = context.entryKind(schema) === 'directory' ? schema : parentOf(schema);
  return globUnder(folder, 'migrations');
}

interface PrismaConfig {
  readonly file: string;
  readonly schema: string | undefined;
  readonly migrations: string | undefined;
}

/** `prisma.config.*`: `schema` and `migrations.path`, relative to the config file's folder. */
function readPrismaConfig(context: InferenceContext): PrismaConfig | undefined {
  const file = PRISMA_CONFIGS.find((candidate) => context.entryKind(candidate) === 'file');
  if (file === undefined) return undefined;
  context.addSource(file);
  const loaded = context.loadModule(file);
  if (!loaded.ok) {
    context.note(`${file} was not read: ${loaded.reason}.`);
    return undefined;
  }
  const options = exportedValues(loaded.module).flatMap((value) => configObjectsOf(context, value).objects)[0];
  if (options === undefined) {
    context.note(`${file} exports no readable Prisma config.`);
    return undefined;
  }
  const directory = parentOf(file) === '.config' ? '' : parentOf(file);
  const readPath = (object: ConfigObject, key: string, label: string): string | undefined => {
    const property = findProperty(context, object, key);
    if (property.kind === 'absent') return undefined;
    if (property.kind === 'unknown') {
      context.note(`${where(object)}: ${label} was not read: ${property.reason}.`);
      return undefined;
    }
    const path = readProjectPath(context, property.value, directory);
    if (!path.ok) context.note(`${where(property.value)}: ${label} was not read: ${path.reason}.`);
    return path.ok ? path.path : undefined;
  };
  const migrationsProperty = findProperty(context, options, 'migrations');
  const migrationOptions = migrationsProperty.kind === 'found' ? configObjectsOf(context, migrationsProperty.value).objects[0] : undefined;
  return {
    file,
    schema: readPath(options, 'schema', 'schema'),
    migrations: migrationOptions === undefined ? undefined : readPath(migrationOptions, 'path', 'migrations.path'),
  };
}
