import type { TSESTree } from '@typescript-eslint/utils';
import type { ImportBinding } from '../ast/importBindings.js';
import type { ConstLookup } from '../ast/staticString.js';
import type { EntityMarker } from '../settings/settingsShape.js';
import type { EntityDeclaration } from './entityDeclaration.js';

/** Project-wide naming defaults that change the table an ORM derives from a model name. */
export interface NamingOptions {
  /** Sequelize's global `define` options (`new Sequelize(..., { define })`), per-model options win. */
  readonly sequelize: { readonly freezeTableName: boolean; readonly underscored: boolean };
  /** TypeORM's DataSource `entityPrefix`, prepended to every entity table (closure tables included). */
  readonly typeorm: { readonly entityPrefix: string | undefined };
}

export const DEFAULT_NAMING: NamingOptions = { sequelize: { freezeTableName: false, underscored: false }, typeorm: { entityPrefix: undefined } };

/**
 * Everything an ORM's entity detector needs to read one module. Detectors are pure functions of
 * this context: they never read the disk, never keep AST nodes in their results.
 */
export interface DetectionContext {
  readonly program: TSESTree.Program;
  /** Top-level imports and requires by local name: detection is by import source, never by name alone. */
  readonly bindings: ReadonlyMap<string, ImportBinding>;
  /**
   * Module `const`s, then constants imported from other project modules, then configured
   * interpolation values. Pass it to `resolveStaticString`.
   */
  readonly lookup: ConstLookup;
  /** User-configured extra decorators (wrappers, forked packages). */
  readonly markers: readonly EntityMarker[];
  readonly naming: NamingOptions;
  /** The module's text when known (a prefilter: `undefined` means "may contain anything"). */
  readonly sourceText?: string | undefined;
  /**
   * Static text of a node: `resolveStaticString(node, lookup)`, else a string-literal type when type
   * information is available. `undefined` when it cannot be told (never guessed), and also when the
   * text contains an unresolved interpolation.
   */
  readString(node: TSESTree.Node): string | undefined;
}

export type EntityDetector = (context: DetectionContext) => EntityDeclaration[];
