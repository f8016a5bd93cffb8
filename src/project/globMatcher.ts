import picomatch from 'picomatch';

/** Tests root-relative POSIX paths against a list of globs. */
export interface GlobMatcher {
  readonly globs: readonly string[];
  matches(relativePath: string): boolean;
}

function normaliseGlob(glob: string): string {
  return glob.replaceAll('\\', '/').replace(/^\.\//u, '');
}

const matcherCache = new Map<string, GlobMatcher>();
/** Per matcher: enough for the models and migrations of a very large project. */
const MAX_REMEMBERED_ANSWERS = 100_000;

// Asked for on every linted file with the same few settings arrays: found by identity first.
const matcherByArray = new WeakMap<readonly string[], GlobMatcher>();

export function createGlobMatcher(globs: readonly string[]): GlobMatcher {
  const known = matcherByArray.get(globs);
  if (known !== undefined) return known;
  const key = JSON.stringify(globs);
  let matcher = matcherCache.get(key);
  if (matcher === undefined) {
    // A plain path names a file or a whole directory (`migrations: ['db/migrations']`).
    const normalised = globs.map(normaliseGlob).flatMap((glob) => (picomatch.scan(glob).isGlob ? [glob] : [glob, `${glob.replace(/\/$/u, '')}/**`]));
    const test = normalised.length === 0 ? () => false : picomatch(normalised, { dot: true });
    // Revalidating the index matches every listed file again on each lint of a long-lived process:
    // remember answers (a pure function of the path), within a bound.
    const answers = new Map<string, boolean>();
    matcher = {
      globs,
      // No globs (the usual `ignore`) match nothing, with no answer to remember.
      matches: normalised.length === 0 ? () => false : (relativePath) => {
        let answer = answers.get(relativePath);
        if (answer === undefined) {
          if (answers.size >= MAX_REMEMBERED_ANSWERS) answers.clear();
          answer = test(relativePath);
          answers.set(relativePath, answer);
        }
        return answer;
      },
    };
    matcherCache.set(key, matcher);
  }
  matcherByArray.set(globs, matcher);
  return matcher;
}

/**
 * The directories to walk to find every file a glob can match: the glob's static prefix
 * (`src/migrations` for `src/migrations/*.ts`), and whether the walk must recurse.
 */
export function globWalkBase(glob: string): { base: string; recursive: boolean } {
  const normalised = normaliseGlob(glob);
  const scanned = picomatch.scan(normalised);
  if (!scanned.isGlob) {
    // A plain path: either a file (walk its directory) or a directory (walk it, recursively).
    return { base: normalised, recursive: true };
  }
  const rest = scanned.glob;
  return { base: scanned.base, recursive: rest.includes('**') || rest.includes('/') };
}

/**
 * Of `globs`, those that could hold a file named like `fileName`, judged by their last segment: a
 * MikroORM config has `entities: ['dist/**\/*.js']` next to `entitiesTs: ['src/**\/*.ts']`, and a
 * `.ts` entity belongs in the second. All of them when none could (they then say more than a guess).
 */
export function globsThatCouldHold(globs: readonly string[], fileName: string): readonly string[] {
  const fitting = globs.filter((glob) => {
    const normalised = normaliseGlob(glob);
    // A plain path is a directory (or the file itself): anything can go there.
    if (!picomatch.scan(normalised).isGlob) return true;
    const lastSegment = normalised.slice(normalised.lastIndexOf('/') + 1);
    return lastSegment === '**' || picomatch(lastSegment, { dot: true })(fileName);
  });
  return fitting.length === 0 ? globs : fitting;
}
