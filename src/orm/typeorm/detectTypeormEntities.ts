import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';
import type { DetectionContext } from '../../entities/detectionContext.js';
import type { EntityDeclaration } from '../../entities/entityDeclaration.js';
import type { EntityMarker } from '../../settings/settingsShape.js';
import { topLevelClasses, type ClassNode } from '../topLevelClasses.js';
import { detectTypeormEntitySchemas } from './detectTypeormEntitySchemas.js';
import { findCompiledDecoratedClasses } from './typeormCompiledClasses.js';
import { entityFromDecoratedClass, type DecoratedClass } from './typeormDecoratedEntity.js';
import type { DecoratedMember } from './typeormRelations.js';

const TYPEORM_MARKERS: readonly EntityMarker[] = [
  { package: 'typeorm', name: 'Entity', kind: 'entity', orm: 'typeorm' },
  { package: 'typeorm', name: 'ViewEntity', kind: 'view', orm: 'typeorm' },
  { package: 'typeorm', name: 'ChildEntity', kind: 'child', orm: 'typeorm' },
];

/** A member's static name: `tags`, `'tags'`; `undefined` for computed and private names. */
function memberName(member: TSESTree.ClassElement): string | undefined {
  if (member.type !== AST_NODE_TYPES.PropertyDefinition && member.type !== AST_NODE_TYPES.MethodDefinition && member.type !== AST_NODE_TYPES.AccessorProperty) return undefined;
  if (member.computed || member.static) return undefined;
  if (member.key.type === AST_NODE_TYPES.Identifier) return member.key.name;
  return member.key.type === AST_NODE_TYPES.Literal && typeof member.key.value === 'string' ? member.key.value : undefined;
}

/** The decorated instance members of a class, where TypeORM's relation decorators sit. */
function decoratedMembers(classNode: ClassNode): DecoratedMember[] {
  return classNode.body.body.flatMap((member) => {
    const name = memberName(member);
    if (name === undefined || !('decorators' in member) || member.decorators.length === 0) return [];
    return [{ name, decorators: member.decorators.map((decorator) => decorator.expression) }];
  });
}

/** TypeScript classes with decorators, reported at their name (or the class when anonymous). */
function decoratedTypeScriptClasses(program: TSESTree.Program): DecoratedClass[] {
  return topLevelClasses(program)
    .filter((classNode) => classNode.decorators.length > 0)
    .map((classNode) => ({
      name: classNode.id?.name,
      loc: (classNode.id ?? classNode).loc,
      decorators: classNode.decorators.map((decorator) => decorator.expression),
      abstract: classNode.abstract,
      members: decoratedMembers(classNode),
    }));
}

/**
 * Prefilters for the two whole-module walks (most modules importing typeorm are neither compiled
 * output nor EntitySchema users): every decorate helper's name contains `decorate`, unless written
 * with unicode escapes; unknown text may contain anything.
 */
function mayCallDecorateHelper(text: string | undefined): boolean {
  return text === undefined || text.includes('decorate') || text.includes('\\u');
}

/** `new EntitySchema(...)` is only recognised through an import of it, or of typeorm's namespace. */
function mayConstructEntitySchema(context: DetectionContext): boolean {
  for (const binding of context.bindings.values()) {
    if (binding.source === 'typeorm' && (binding.imported === 'EntitySchema' || binding.imported === '*' || binding.imported === 'default')) return true;
  }
  return false;
}

function detect(context: DetectionContext): EntityDeclaration[] {
  const markers = [...TYPEORM_MARKERS, ...context.markers.filter((marker) => marker.orm === 'typeorm')];
  const markerPackages = new Set(markers.map((marker) => marker.package));
  const bindingSources = new Set([...context.bindings.values()].map((binding) => binding.source));
  if (![...bindingSources].some((source) => markerPackages.has(source))) return [];

  const compiled = mayCallDecorateHelper(context.sourceText) ? findCompiledDecoratedClasses(context.program) : [];
  const classes = [...decoratedTypeScriptClasses(context.program), ...compiled];
  const entities = classes.flatMap((target) => entityFromDecoratedClass(target, context, markers) ?? []);
  if (mayConstructEntitySchema(context)) entities.push(...detectTypeormEntitySchemas(context));
  // Source order, whichever way each entity was declared.
  return entities.sort((a, b) => a.loc.start.line - b.loc.start.line || a.loc.start.column - b.loc.start.column);
}

/**
 * TypeORM entity declarations in a module:
 * - classes decorated with `@Entity`, `@ViewEntity` or `@ChildEntity` imported from `typeorm` (or a
 *   configured marker), in TypeScript or compiled JavaScript (`__decorate([...], User)`), with the
 *   closure table of `@Tree('closure-table')` and the junction tables of their owning
 *   `@ManyToMany` + `@JoinTable` members; abstract classes are skipped (base classes);
 * - `new EntitySchema({ ... })` from `typeorm`, with the junction tables of its `relations`.
 * Never throws: a module it cannot read yields no entities.
 */
export function detectTypeormEntities(context: DetectionContext): EntityDeclaration[] {
  try {
    return detect(context);
  } catch {
    return [];
  }
}
