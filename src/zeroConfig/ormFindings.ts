import type { OrmName } from '../settings/settingsShape.js';
import type { InferenceContext } from './inferenceContext.js';
import type { PackageFacts } from './packageJson.js';

/** What each ORM reader gets. */
export interface ReaderInput {
  readonly context: InferenceContext;
  readonly packageFacts: PackageFacts;
  /** ORMs package.json depends on: defaults apply only to these. */
  readonly listed: ReadonlySet<OrmName>;
}

export interface SequelizeDefine {
  readonly freezeTableName?: boolean;
  readonly underscored?: boolean;
}

/** What ORM readers found, accumulated across readers in order. */
export class OrmFindings {
  readonly models: string[] = [];
  readonly migrations: string[] = [];
  /** ORMs whose own config file was found (they count as used even if package.json misses them). */
  readonly configured = new Set<OrmName>();
  entityPrefix: string | undefined;
  sequelizeDefine: SequelizeDefine | undefined;

  addModels(globs: readonly string[]): void {
    for (const glob of globs) if (!this.models.includes(glob)) this.models.push(glob);
  }

  addMigrations(globs: readonly string[]): void {
    for (const glob of globs) if (!this.migrations.includes(glob)) this.migrations.push(glob);
  }
}

/** Human list of globs for notes: `a, b` or `none`. */
export function listed(globs: readonly string[]): string {
  return globs.length === 0 ? 'none' : globs.join(', ');
}
