import type { TSESTree } from '@typescript-eslint/utils';
import { detectTypeormEntities } from '../orm/typeorm/detectTypeormEntities.js';
import type { ValidatedSettings } from '../settings/settingsShape.js';
import type { EntityDeclaration } from './entityDeclaration.js';

// Several rules look at the same linted AST: detect once per (AST, settings).
const entitiesByProgram = new WeakMap<TSESTree.Program, { settings: ValidatedSettings | undefined; entities: EntityDeclaration[] }>();

/** Entity declarations of one module, for the ORM(s) the settings name. */
export function detectEntities(program: TSESTree.Program, settings: ValidatedSettings | undefined): EntityDeclaration[] {
  const cached = entitiesByProgram.get(program);
  if (cached !== undefined && cached.settings === settings) return cached.entities;
  const entities = detectTypeormEntities(program, settings?.markers ?? []);
  entitiesByProgram.set(program, { settings, entities });
  return entities;
}
