/**
 * What "the same tree" means for the parse fast path (src/ast/estreeFromTypescript.ts), shared by
 * its unit and fuzz tests. Two values are the same when:
 * - primitives are identical (`Object.is`);
 * - arrays have the same length and the same elements;
 * - regular expressions (a regex Literal's value) have the same source and flags;
 * - objects have the same prototype and the same own property names, in the same order
 *   (`Reflect.ownKeys`, so keys whose value is `undefined` count, and so do typescript-estree's
 *   non-enumerable deprecated-alias getters such as `assertions`), each with the same
 *   enumerability and kind (data or accessor); data values are the same, and an accessor's getter
 *   returns the same value and both have a setter or neither has.
 * This is stricter than any reader needs (none in src/ reads a non-enumerable key or depends on
 * key order), so a fast-path tree that passes can replace typescript-estree's anywhere.
 */
export function firstDifference(actual: unknown, expected: unknown, path = '$'): string | undefined {
  if (Object.is(actual, expected)) return undefined;
  if (typeof actual !== 'object' || typeof expected !== 'object' || actual === null || expected === null) {
    return `${path}: ${describe(actual)} != ${describe(expected)}`;
  }
  if (actual instanceof RegExp || expected instanceof RegExp) {
    const same = actual instanceof RegExp && expected instanceof RegExp && actual.source === expected.source && actual.flags === expected.flags;
    return same ? undefined : `${path}: regular expressions differ`;
  }
  if (Array.isArray(actual) !== Array.isArray(expected)) return `${path}: array mismatch`;
  if (Object.getPrototypeOf(actual) !== Object.getPrototypeOf(expected)) return `${path}: prototype mismatch`;
  const actualKeys = Reflect.ownKeys(actual);
  const expectedKeys = Reflect.ownKeys(expected);
  if (actualKeys.map(String).join() !== expectedKeys.map(String).join() || actualKeys.length !== expectedKeys.length) {
    return `${path}: keys [${actualKeys.map(String).join()}] != [${expectedKeys.map(String).join()}]`;
  }
  for (const key of expectedKeys) {
    const name = `${path}.${String(key)}`;
    const a = Object.getOwnPropertyDescriptor(actual, key) as PropertyDescriptor;
    const e = Object.getOwnPropertyDescriptor(expected, key) as PropertyDescriptor;
    if (a.enumerable !== e.enumerable) return `${name}: enumerable ${a.enumerable} != ${e.enumerable}`;
    if ('value' in a !== 'value' in e) return `${name}: data vs accessor`;
    if ('value' in e) {
      const difference = firstDifference(a.value, e.value, name);
      if (difference !== undefined) return difference;
    } else {
      if ((a.set === undefined) !== (e.set === undefined)) return `${name}: setter mismatch`;
      const difference = firstDifference(a.get?.call(actual), e.get?.call(expected), `${name}(getter)`);
      if (difference !== undefined) return difference;
    }
  }
  return undefined;
}

function describe(value: unknown): string {
  return typeof value === 'string' ? JSON.stringify(value) : String(value);
}
