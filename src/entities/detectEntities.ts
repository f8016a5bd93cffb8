import type { TSESTree } from '@typescript-eslint/utils';
import { collectImportBindings } from '../ast/importBindings.js';
import { buildModuleConstLookup, resolveStaticString, type ConstLookup } from '../ast/staticString.js';
import { detectMikroOrmEntities } from '../orm/mikro-orm/detectMikroOrmEntities.js';
import { detectTypeormEntities } from '../orm/typeorm/detectTypeormEntities.js';
import { detectDrizzleTables } from '../orm/drizzle/detectDrizzleTables.js';
import { detectObjectionModels } from '../orm/objection/detectObjectionModels.js';
import { detectSequelizeModels } from '../orm/sequelize/detectSequelizeModels.js';
import type { EntityMarker } from '../settings/settingsShape.js';
import { INTERPOLATION_MARK } from '../sql/scanSqlDdl.js';
import { DEFAULT_NAMING, type DetectionContext, type EntityDetector, type NamingOptions } from './detectionContext.js';
import type { EntityDeclaration } from './entityDeclaration.js';
import type { TableRef } from '../schema/tableRef.js';

/** Every ORM's detector; each returns nothing for modules that do not import its ORM. */
const DETECTORS: readonly EntityDetector[] = [detectTypeormEntities, detectMikroOrmEntities, detectDrizzleTables, detectObjectionModels, detectSequelizeModels];

/** What detection depends on besides the module itself. */
export interface DetectionInputs {
  readonly markers: readonly EntityMarker[];
  readonly naming: NamingOptions;
  /** Imported constants and configured interpolations, consulted after the module's own consts. */
  readonly outerLookup?: ConstLookup | undefined;
  /** A string-literal type of a node, when the linted file has type information. */
  readonly typeText?: ((node: TSESTree.Node) => string | undefined) | undefined;
  /** The module's text, when known: lets detectors skip walks for constructs the text cannot contain. */
  readonly sourceText?: string | undefined;
}

export const DEFAULT_DETECTION_INPUTS: DetectionInputs = { markers: [], naming: DEFAULT_NAMING };

export function createDetectionContext(program: TSESTree.Program, inputs: DetectionInputs): DetectionContext {
  const lookup = buildModuleConstLookup(program, inputs.outerLookup);
  return {
    program,
    bindings: collectImportBindings(program),
    lookup,
    markers: inputs.markers,
    naming: inputs.naming,
    sourceText: inputs.sourceText,
    readString(node) {
      const text = resolveStaticString(node, lookup);
      if (text !== undefined && !text.includes(INTERPOLATION_MARK)) return text;
      return inputs.typeText?.(node);
    },
  };
}

/** TypeORM's `prefixTableName(prefix, name)` is `prefix + name`, applied to every table it builds. */
function applyTypeormEntityPrefix(entities: EntityDeclaration[], prefix: string | undefined): EntityDeclaration[] {
  if (prefix === undefined || prefix === '') return entities;
  const prefixed = (table: TableRef): TableRef => ({ ...table, name: `${prefix}${table.name}` });
  return entities.map((entity) => {
    if (entity.orm !== 'typeorm' || !entity.tableName.resolved) return entity;
    return {
      ...entity,
      tableName: { ...entity.tableName, table: prefixed(entity.tableName.table) },
      extraTables: entity.extraTables?.map((extra) => ({ ...extra, table: prefixed(extra.table) })),
    };
  });
}

/** A declaration claimed by two detectors (a configured marker on a sequelize-typescript model) counts once. */
function firstPerDeclaration(entities: EntityDeclaration[]): EntityDeclaration[] {
  const seen = new Set<string>();
  return entities.filter((entity) => {
    const key = `${entity.loc.start.line}:${entity.loc.start.column}:${entity.name}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** Package names whose mention makes a module worth parsing or walking for entities. */
const ORM_PACKAGE_HINTS = ['typeorm', '@mikro-orm/', 'sequelize', 'drizzle-orm', 'objection'];

/**
 * Cheap prefilter on a module's text: every detector needs an import from an ORM package (or a
 * configured marker's), so a module that names none declares no entity.
 */
export function mayDeclareEntities(text: string, markers: readonly EntityMarker[]): boolean {
  return ORM_PACKAGE_HINTS.some((hint) => text.includes(hint)) || markers.some((marker) => text.includes(marker.package));
}

// Several rules look at the same linted AST: detect once per (AST, inputs).
const entitiesByProgram = new WeakMap<TSESTree.Program, { inputs: DetectionInputs; entities: EntityDeclaration[] }>();

/** Entity declarations of one module, for every ORM it imports. */
export function detectEntities(program: TSESTree.Program, inputs: DetectionInputs = DEFAULT_DETECTION_INPUTS): EntityDeclaration[] {
  const cached = entitiesByProgram.get(program);
  if (cached !== undefined && cached.inputs === inputs) return cached.entities;
  const context = createDetectionContext(program, inputs);
  // Cheap exit: no imports, no ORM (markers included) to detect.
  const detected = context.bindings.size === 0 ? [] : firstPerDeclaration(DETECTORS.flatMap((detect) => detect(context)));
  const entities = applyTypeormEntityPrefix(detected, inputs.naming.typeorm.entityPrefix);
  entitiesByProgram.set(program, { inputs, entities });
  return entities;
}
