/** validateSettings answers ok or a problem for any value, and what it accepts is well-formed. */
import fc from 'fast-check';
import { describe, it } from 'vitest';
import { SUPPORTED_ORMS, type ScopeConfig, type ValidatedSettings } from '../../src/settings/settingsShape.js';
import { validateSettings, type SettingsResult } from '../../src/settings/validateSettings.js';
import { fuzz, propertyTimeout } from './support/fuzzRunner.js';
import { ensure } from './support/invariants.js';
import { buildEditedSettings, editedSettings, exoticValue, keyedSettings } from './support/settingsArbitraries.js';

const TARGET = 'validateSettings';
const ROOT = "settings['orm-guard']";

/** An array with no holes whose every element passes `check`. */
function isDenseArrayOf<T>(value: readonly T[] | undefined, check: (item: T) => boolean): boolean {
  if (!Array.isArray(value)) return false;
  for (let i = 0; i < value.length; i++) if (!(i in value) || !check(value[i] as T)) return false;
  return true;
}

const isGlob = (glob: string): boolean => typeof glob === 'string' && glob.trim() !== '';

function checkScope(what: string, scope: ScopeConfig): void {
  ensure(isDenseArrayOf(scope.orms, (orm) => (SUPPORTED_ORMS as readonly string[]).includes(orm)), () => `${what}.orms: ${String(scope.orms)}`);
  ensure(scope.models === undefined || isDenseArrayOf(scope.models, isGlob), () => `${what}.models is not a list of globs`);
  ensure(isDenseArrayOf(scope.ignore, isGlob), () => `${what}.ignore is not a list of globs`);
  ensure(
    scope.migrationSets === undefined ||
      isDenseArrayOf(scope.migrationSets, (set) => (set.name === undefined || typeof set.name === 'string') && isDenseArrayOf(set.globs, isGlob)),
    () => `${what}.migrationSets are not named glob lists`,
  );
  ensure(
    isDenseArrayOf(scope.markers, (marker) => typeof marker === 'object' && marker !== null && marker.package !== '' && marker.name !== '' && typeof marker.package === 'string' && typeof marker.name === 'string'),
    () => `${what}.markers are not markers`,
  );
  ensure(scope.tablePrefix === undefined || typeof scope.tablePrefix === 'string', () => `${what}.tablePrefix is not a string`);
  ensure(Object.values(scope.interpolations).every((value) => typeof value === 'string'), () => `${what}.interpolations are not strings`);
  ensure(
    [scope.sequelize.freezeTableName, scope.sequelize.underscored].every((flag) => flag === undefined || typeof flag === 'boolean'),
    () => `${what}.sequelize flags are not booleans`,
  );
  const order = scope.migrationOrder;
  ensure(order.kind === 'auto' || (order.kind === 'registry' && typeof order.file === 'string' && order.file !== ''), () => `${what}.migrationOrder is malformed`);
  ensure(typeof scope.root === 'string', () => `${what}.root is not a string`);
}

function checkSettings(settings: ValidatedSettings): void {
  ensure(settings.rootDir === undefined || (typeof settings.rootDir === 'string' && settings.rootDir !== ''), () => 'rootDir is malformed');
  ensure(
    settings.cacheLifetime === undefined || (typeof settings.cacheLifetime === 'number' && settings.cacheLifetime >= 0),
    () => `cacheLifetime is malformed: ${String(settings.cacheLifetime)}`,
  );
  ensure(typeof settings.debug === 'boolean', () => 'debug is not a boolean');
  checkScope('topLevel', settings.topLevel);
  ensure(isDenseArrayOf(settings.scopes, (scope) => typeof scope === 'object' && scope !== null), () => 'scopes is not a list of scopes');
  const names = new Set<string>();
  settings.scopes.forEach((scope, index) => {
    ensure(typeof scope.name === 'string' && scope.name !== '' && !names.has(scope.name), () => `scopes[${index}].name is missing or repeated`);
    names.add(scope.name);
    checkScope(`scopes[${index}]`, scope);
  });
}

function checkResult(result: SettingsResult): string {
  ensure(typeof result === 'object' && result !== null && typeof result.ok === 'boolean', () => 'not a settings result');
  if (!result.ok) {
    const { path, message } = result.problem;
    ensure(typeof path === 'string' && path.startsWith(ROOT), () => `problem path ${JSON.stringify(path)} does not start at ${ROOT}`);
    ensure(typeof message === 'string' && message.startsWith(path), () => `problem message does not name its path: ${message.slice(0, 200)}`);
    return 'problem';
  }
  checkSettings(result.settings);
  return 'ok';
}

/** Validates `raw`, then a structural copy of it: the answer depends on the value, not the object. */
function validateTwice(build: () => unknown): string {
  const outcome = checkResult(validateSettings(build()));
  const second = checkResult(validateSettings(build()));
  ensure(outcome === second, () => `a second, equal settings object got a different answer (${outcome} then ${second})`);
  return outcome;
}

describe('fuzz: validateSettings', () => {
  it('any JSON value', () => fuzz(TARGET, 'any JSON value', fc.jsonValue(), (value) => validateTwice(() => structuredClone(value))), propertyTimeout());

  it('any JavaScript value', () => fuzz(TARGET, 'any JavaScript value', exoticValue, (value) => checkResult(validateSettings(value))), propertyTimeout());

  it('known keys with random values', () => fuzz(TARGET, 'known keys, random values', keyedSettings, (value) => checkResult(validateSettings(value))), propertyTimeout());

  it('edits of valid settings', () => fuzz(TARGET, 'edited valid settings', editedSettings, (plan) => validateTwice(() => buildEditedSettings(plan))), propertyTimeout());
});
