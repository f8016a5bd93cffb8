import type { TSESTree } from '@typescript-eslint/utils';
import type { OrmName } from '../settings/settingsShape.js';
import { findProperty, readBoolean, type ConfigObject } from '../zeroConfig/configObjects.js';
import type { InferenceContext } from '../zeroConfig/inferenceContext.js';
import { where, type ValueRef } from '../zeroConfig/moduleGraph.js';
import type { PackageFacts } from '../zeroConfig/packageJson.js';
import { describeCompiledUnmapped, emptyEntityList, mergeEntityLists, readEntityList, type EntityList } from './entityList.js';
import { featureRegistrations, type NestScan } from './nestFeatures.js';
import type { RegistrationConfig } from './registrationTypes.js';

/** What every ORM's registration reader shares during one `readRegistrations`. */
export interface RegistrationRun {
  readonly context: InferenceContext;
  readonly packageFacts: PackageFacts;
  /** ORMs package.json depends on. */
  readonly listed: ReadonlySet<OrmName>;
  readonly nest: NestScan;
  readonly configs: RegistrationConfig[];
  /** Options objects already read: a data source is often reached from two files. */
  readonly seen: Set<TSESTree.Node>;
}

/** How one ORM's options object registers entities. */
export interface OptionsSpec {
  readonly orm: OrmName;
  readonly description: string;
  /** The keys holding entity lists (`entities`, `entitiesTs`; `models`, `modelPaths`). */
  readonly listKeys: readonly string[];
  /** Root-relative directory relative paths are resolved against. */
  readonly cwdDirectory: string;
  readonly toGlobs: (projectPath: string) => readonly string[];
  /** `autoLoadEntities` / `autoLoadModels`, with the NestJS module whose `forFeature` lists it loads. */
  readonly autoLoad?: { readonly key: string; readonly featureModule: string } | undefined;
  readonly skippedGlobs?: readonly string[] | undefined;
  /**
   * Whether compiled globs that cannot be mapped back to sources are harmless: MikroORM's
   * `entitiesTs` names the sources that `entities` is the build of.
   */
  readonly sourcesNamedBy?: string | undefined;
}

/**
 * Reads an ORM options object into a registration config. An object with none of the list keys
 * (and no auto-loading) registers nothing by itself (a CLI-only data source, a partial config
 * spread elsewhere): it is noted and left out rather than taken to register no entity.
 */
export function readOptionsObject(run: RegistrationRun, options: ConfigObject, spec: OptionsSpec): void {
  const { context } = run;
  if (run.seen.has(options.node)) return;
  run.seen.add(options.node);
  const list = emptyEntityList();
  const foundKeys: string[] = [];
  let at: ValueRef | undefined;
  for (const key of spec.listKeys) {
    const property = findProperty(context, options, key);
    if (property.kind === 'absent') continue;
    foundKeys.push(key);
    if (property.kind === 'unknown') {
      list.unreadable.push(`${where(options)}: ${key} was not read: ${property.reason}.`);
      continue;
    }
    at ??= property.value;
    mergeEntityLists(list, readEntityList(context, property.value, { what: key, cwdDirectory: spec.cwdDirectory, toGlobs: spec.toGlobs }));
  }
  const autoLoad = spec.autoLoad === undefined ? undefined : autoLoadProperty(run, options, spec.autoLoad.key);
  if (foundKeys.length === 0 && autoLoad === undefined) {
    context.note(`${where(options)}: ${spec.description} lists no ${spec.listKeys.join(' or ')}; it is not read as a registration of entities.`);
    return;
  }
  if (autoLoad !== undefined && spec.autoLoad !== undefined) {
    at ??= autoLoad;
    mergeEntityLists(list, featureRegistrations(run, spec.autoLoad.featureModule));
  }
  if (list.compiledUnmapped.length > 0 && spec.sourcesNamedBy !== undefined && foundKeys.includes(spec.sourcesNamedBy)) {
    context.note(`${where(options)}: compiled ${list.compiledUnmapped.join(', ')} taken as the build of ${spec.sourcesNamedBy}.`);
  } else {
    list.unreadable.push(...describeCompiledUnmapped(list.compiledUnmapped, where(at ?? options)));
  }
  addConfig(run, {
    at: at ?? options,
    orm: spec.orm,
    description: autoLoad === undefined || spec.autoLoad === undefined ? spec.description : `${spec.description} with ${spec.autoLoad.key}`,
    list,
    skippedGlobs: spec.skippedGlobs,
    autoLoadsFeaturesOf: autoLoad === undefined ? undefined : spec.autoLoad?.featureModule,
  });
}

/** The auto-load flag when it is (or may be) on: a value only known at run time may be `true`. */
function autoLoadProperty(run: RegistrationRun, options: ConfigObject, key: string): ValueRef | undefined {
  const property = findProperty(run.context, options, key);
  if (property.kind !== 'found') return undefined;
  return readBoolean(property.value) === false ? undefined : property.value;
}

export interface ConfigParts {
  /** Where the config is written: its entity list, else the options object. */
  readonly at: ValueRef;
  readonly orm: OrmName;
  readonly description: string;
  readonly list: EntityList;
  readonly skippedGlobs?: readonly string[] | undefined;
  readonly autoLoadsFeaturesOf?: string | undefined;
}

export function addConfig(run: RegistrationRun, parts: ConfigParts): void {
  run.configs.push(
    configOf({
      file: parts.at.module.path,
      line: parts.at.node.loc.start.line,
      orm: parts.orm,
      description: parts.description,
      list: parts.list,
      skippedGlobs: parts.skippedGlobs,
      autoLoadsFeaturesOf: parts.autoLoadsFeaturesOf,
    }),
  );
}

/** A config that could not be read at all (options built at run time): its ORM stays silent. */
export function addUnreadableConfig(run: RegistrationRun, orm: OrmName, file: string, line: number, description: string, reasons: readonly string[]): void {
  if (reasons.length === 0) return;
  run.configs.push(configOf({ file, line, orm, description, list: { ...emptyEntityList(), unreadable: [...reasons] } }));
}

export function configOf(parts: {
  readonly file: string;
  readonly line: number;
  readonly orm: OrmName;
  readonly description: string;
  readonly list: EntityList;
  readonly skippedGlobs?: readonly string[] | undefined;
  readonly autoLoadsFeaturesOf?: string | undefined;
}): RegistrationConfig {
  return {
    file: parts.file,
    line: parts.line,
    orm: parts.orm,
    description: parts.description,
    globs: parts.list.globs,
    classes: parts.list.classes,
    unreadableEntries: parts.list.unreadable,
    ...(parts.skippedGlobs === undefined ? {} : { skippedGlobs: parts.skippedGlobs }),
    ...(parts.autoLoadsFeaturesOf === undefined ? {} : { autoLoadsFeaturesOf: parts.autoLoadsFeaturesOf }),
  };
}
