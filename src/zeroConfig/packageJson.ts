import type { OrmName } from '../settings/settingsShape.js';
import type { InferenceContext } from './inferenceContext.js';
import { normaliseRelative } from './projectPaths.js';

/** The parts of the root package.json inference uses. */
export interface PackageFacts {
  /** Names in dependencies and devDependencies. */
  readonly dependencies: ReadonlySet<string>;
  readonly scripts: readonly string[];
  /** The whole parsed object, for ORM-specific keys (`prisma`, `mikro-orm`). */
  readonly raw: Readonly<Record<string, unknown>>;
}

const EMPTY: PackageFacts = { dependencies: new Set(), scripts: [], raw: {} };

export function readPackageFacts(context: InferenceContext): PackageFacts {
  const json = context.readJson('package.json');
  if (json === undefined) {
    context.note('No package.json at the project root: ORMs are recognised by their config files only.');
    return EMPTY;
  }
  context.addSource('package.json');
  if (!json.ok) {
    context.note(`package.json was not read: ${json.reason}.`);
    return EMPTY;
  }
  if (!isRecord(json.value)) {
    context.note('package.json was not read: it is not a JSON object.');
    return EMPTY;
  }
  const raw = json.value;
  const dependencies = new Set([...Object.keys(recordOrEmpty(raw.dependencies)), ...Object.keys(recordOrEmpty(raw.devDependencies))]);
  const scripts = Object.values(recordOrEmpty(raw.scripts)).filter((script): script is string => typeof script === 'string');
  return { dependencies, scripts, raw };
}

/** The ORMs package.json depends on, by the packages that provide them. */
export function ormsFromDependencies(facts: PackageFacts): Set<OrmName> {
  const has = (name: string): boolean => facts.dependencies.has(name);
  const orms = new Set<OrmName>();
  if (has('typeorm')) orms.add('typeorm');
  // Projects often list only a driver (`@mikro-orm/postgresql`), which brings @mikro-orm/core.
  if ([...facts.dependencies].some((name) => name.startsWith('@mikro-orm/'))) orms.add('mikro-orm');
  if (has('sequelize')) orms.add('sequelize');
  if (has('sequelize-typescript')) orms.add('sequelize-typescript');
  if (has('drizzle-orm') || has('drizzle-kit')) orms.add('drizzle');
  if (has('objection')) orms.add('objection');
  if (has('knex')) orms.add('knex');
  if (has('prisma') || has('@prisma/client')) orms.add('prisma');
  return orms;
}

/**
 * Paths passed to a tool's flag in package.json scripts (`knex --knexfile db/knexfile.ts`,
 * `typeorm -d src/db/data-source.ts`), root-relative. Only commands running `tool` count.
 */
export function scriptFlagPaths(facts: PackageFacts, tool: RegExp, flags: readonly string[]): string[] {
  const paths: string[] = [];
  for (const script of facts.scripts) {
    for (const command of script.split(/&&|\|\||[;|]/u)) {
      const tokens = command.trim().split(/\s+/u);
      if (!tokens.some((token) => tool.test(token))) continue;
      tokens.forEach((token, index) => {
        const value = flagValue(token, tokens[index + 1], flags);
        const normalised = value === undefined ? undefined : normaliseRelative(value.replace(/^['"]|['"]$/gu, ''));
        if (normalised !== undefined && normalised !== '' && !paths.includes(normalised)) paths.push(normalised);
      });
    }
  }
  return paths;
}

function flagValue(token: string, next: string | undefined, flags: readonly string[]): string | undefined {
  for (const flag of flags) {
    if (token === flag) return next !== undefined && !next.startsWith('-') ? next : undefined;
    if (token.startsWith(`${flag}=`)) return token.slice(flag.length + 1);
  }
  return undefined;
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function recordOrEmpty(value: unknown): Record<string, unknown> {
  return isRecord(value) ? value : {};
}
