import type { TSESTree } from '@typescript-eslint/utils';
import { collectImportBindings } from '../ast/importBindings.js';
import { buildModuleConstLookup, resolveStaticString, type ConstLookup } from '../ast/staticString.js';
import { detectTypeormEntities } from '../orm/typeorm/detectTypeormEntities.js';
import type { EntityMarker } from '../settings/settingsShape.js';
import { INTERPOLATION_MARK } from '../sql/scanSqlDdl.js';
import { DEFAULT_NAMING, type DetectionContext, type EntityDetector, type NamingOptions } from './detectionContext.js';
import type { EntityDeclaration } from './entityDeclaration.js';

/** Every ORM's detector; each returns nothing for modules that do not import its ORM. */
const DETECTORS: readonly EntityDetector[] = [detectTypeormEntities];

/** What detection depends on besides the module itself. */
export interface DetectionInputs {
  readonly markers: readonly EntityMarker[];
  readonly naming: NamingOptions;
  /** Imported constants and configured interpolations, consulted after the module's own consts. */
  readonly outerLookup?: ConstLookup | undefined;
  /** A string-literal type of a node, when the linted file has type information. */
  readonly typeText?: ((node: TSESTree.Node) => string | undefined) | undefined;
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
    readString(node) {
      const text = resolveStaticString(node, lookup);
      if (text !== undefined && !text.includes(INTERPOLATION_MARK)) return text;
      return inputs.typeText?.(node);
    },
  };
}

// Several rules look at the same linted AST: detect once per (AST, inputs).
const entitiesByProgram = new WeakMap<TSESTree.Program, { inputs: DetectionInputs; entities: EntityDeclaration[] }>();

/** Entity declarations of one module, for every ORM it imports. */
export function detectEntities(program: TSESTree.Program, inputs: DetectionInputs = DEFAULT_DETECTION_INPUTS): EntityDeclaration[] {
  const cached = entitiesByProgram.get(program);
  if (cached !== undefined && cached.inputs === inputs) return cached.entities;
  const context = createDetectionContext(program, inputs);
  // Cheap exit: no imports, no ORM (markers included) to detect.
  const entities = context.bindings.size === 0 ? [] : DETECTORS.flatMap((detect) => detect(context));
  entitiesByProgram.set(program, { inputs, entities });
  return entities;
}
