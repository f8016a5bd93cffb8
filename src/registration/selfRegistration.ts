import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';
import { unwrapExpression } from '../ast/staticString.js';
import { walkAst } from '../ast/walkAst.js';

/** Option keys that list entities, in any ORM's options object. */
const LIST_KEYS = new Set(['entities', 'entitiesTs', 'models', 'modelPaths']);
/** Calls whose arguments list entities (`TypeOrmModule.forFeature([A])`, `sequelize.addModels([A])`). */
const LIST_CALLS = new Set(['forFeature', 'addModels']);
/** `entitiesTs` and `modelPaths` contain `entities` and `models`. */
const REGISTRATION_WORDS = ['entities', 'models', 'forFeature', 'addModels'];

/**
 * Names of classes the linted file registers itself: listed in an `entities`/`models` option or
 * passed to `forFeature`/`addModels` in the same file. A test that declares an entity next to its
 * own `new DataSource({ entities: [TestEntity] })` registers it where the project's configs cannot see.
 */
export function namesRegisteredInFile(program: TSESTree.Program, sourceText: string): Set<string> {
  const names = new Set<string>();
  // Each form names one of these words in the text: most files name none, and skip the walk.
  if (!REGISTRATION_WORDS.some((word) => sourceText.includes(word))) return names;
  const addListed = (node: TSESTree.Node | null): void => {
    if (node === null) return;
    const expression = unwrapExpression(node);
    if (expression.type === AST_NODE_TYPES.Identifier) names.add(expression.name);
    else if (expression.type === AST_NODE_TYPES.ArrayExpression) {
      for (const element of expression.elements) addListed(element?.type === AST_NODE_TYPES.SpreadElement ? element.argument : element);
    }
  };
  walkAst(program, (node) => {
    if (node.type === AST_NODE_TYPES.Property && !node.computed && node.key.type === AST_NODE_TYPES.Identifier && LIST_KEYS.has(node.key.name)) {
      addListed(node.value);
    } else if (
      node.type === AST_NODE_TYPES.CallExpression &&
      node.callee.type === AST_NODE_TYPES.MemberExpression &&
      !node.callee.computed &&
      node.callee.property.type === AST_NODE_TYPES.Identifier &&
      LIST_CALLS.has(node.callee.property.name)
    ) {
      for (const argument of node.arguments) addListed(argument.type === AST_NODE_TYPES.SpreadElement ? argument.argument : argument);
    }
  });
  return names;
}
