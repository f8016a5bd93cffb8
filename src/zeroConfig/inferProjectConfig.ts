import { SUPPORTED_ORMS, type OrmName } from '../settings/settingsShape.js';
import { InferenceContext } from './inferenceContext.js';
import { inferDrizzle } from './inferDrizzle.js';
import { inferKnex } from './inferKnex.js';
import { inferMikroOrm } from './inferMikroOrm.js';
import { inferPrisma } from './inferPrisma.js';
import { inferSequelize, inferSequelizeTypescript } from './inferSequelize.js';
import { inferTypeorm } from './inferTypeorm.js';
import { OrmFindings, type ReaderInput } from './ormFindings.js';
import { ormsFromDependencies, readPackageFacts } from './packageJson.js';
import type { ProjectFileReader } from './projectFiles.js';

/** What zero-config inference found in a project's own ORM configuration. */
export interface InferredConfig {
  /** From package.json dependencies/devDependencies, plus ORMs whose own config file was found. */
  readonly orms: readonly OrmName[];
  /** Globs relative to the root. */
  readonly models: readonly string[];
  /** Globs relative to the root. */
  readonly migrations: readonly string[];
  readonly sequelizeDefine?: { freezeTableName?: boolean; underscored?: boolean } | undefined;
  /** TypeORM's `entityPrefix` (prepended to every entity's table name), when one is set. */
  readonly entityPrefix?: string | undefined;
  /** Config files read (root-relative), for debug output. */
  readonly sources: readonly string[];
  /** Human sentences: what was found, what could not be read and why. */
  readonly notes: readonly string[];
}

type OrmReader = (input: ReaderInput, findings: OrmFindings) => void;

/** In SUPPORTED_ORMS order, so globs come out in a stable order; knex also serves Objection. */
const READERS: readonly OrmReader[] = [inferTypeorm, inferMikroOrm, inferSequelize, inferSequelizeTypescript, inferDrizzle, inferKnex, inferPrisma];

/**
 * Finds models and migrations from the ORMs' own configuration, read statically: config files
 * are parsed, never loaded or executed. Never throws; what cannot be read is said in `notes`.
 */
export function inferProjectConfig(reader: ProjectFileReader): InferredConfig {
  const context = new InferenceContext(reader);
  const findings = new OrmFindings();
  let listedOrms = new Set<OrmName>();
  try {
    const packageFacts = readPackageFacts(context);
    listedOrms = ormsFromDependencies(packageFacts);
    for (const read of READERS) {
      try {
        read({ context, packageFacts, listed: listedOrms }, findings);
      } catch (error) {
        // A reader bug must cost that ORM's inference only, never the lint run.
        context.note(`An ORM config reader failed unexpectedly (${error instanceof Error ? error.message : String(error)}); its settings are not inferred.`);
      }
    }
  } catch (error) {
    context.note(`Inference failed unexpectedly (${error instanceof Error ? error.message : String(error)}).`);
  }
  const orms = SUPPORTED_ORMS.filter((orm) => listedOrms.has(orm) || findings.configured.has(orm));
  if (orms.length === 0) context.note('No supported ORM was found in package.json or by its config files.');
  return {
    orms,
    models: findings.models,
    migrations: findings.migrations,
    ...(findings.sequelizeDefine === undefined ? {} : { sequelizeDefine: { ...findings.sequelizeDefine } }),
    ...(findings.entityPrefix === undefined ? {} : { entityPrefix: findings.entityPrefix }),
    sources: [...context.sources],
    notes: [...context.notes],
  };
}
