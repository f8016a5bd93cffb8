import path from 'node:path';

/**
 * Whether this process is a one-shot lint run (CLI, CI) rather than an editor or daemon, following
 * typescript-estree's inference: `ORM_GUARD_SINGLE_RUN` (or `TSESTREE_SINGLE_RUN`) decides when set,
 * else CI or the eslint binary without `--fix` means a single run.
 */
export function inferSingleRun(environment: NodeJS.ProcessEnv = process.env, argv: readonly string[] = process.argv): boolean {
  const explicit = environment.ORM_GUARD_SINGLE_RUN ?? environment.TSESTREE_SINGLE_RUN;
  if (explicit === 'true') return true;
  if (explicit === 'false') return false;
  const script = argv[1] ?? '';
  const eslintBinaries = [path.normalize('node_modules/.bin/eslint'), path.normalize('node_modules/eslint/bin/eslint.js')];
  if (environment.CI === 'true' || eslintBinaries.some((binary) => script.endsWith(binary))) {
    return !argv.includes('--fix');
  }
  // A worker thread of the CLI's `--concurrency`: its argv names ESLint's worker script, not the CLI.
  if (script.endsWith(path.normalize('eslint/lib/eslint/worker.js'))) return true;
  return false;
}

/**
 * How an index with this `cacheLifetime` setting is revalidated: frozen in a single run, by watched
 * directories in a long-lived process (then stats before every lint where watching is off), or as
 * the setting says.
 */
export function revalidationPolicy(cacheLifetime: number | undefined): { lifetimeMs: number; watched: boolean } {
  if (cacheLifetime !== undefined) return { lifetimeMs: cacheLifetime, watched: false };
  return inferSingleRun() ? { lifetimeMs: Infinity, watched: false } : { lifetimeMs: 0, watched: true };
}
