import { describe, expect, it, vi } from 'vitest';
import { parseModule } from '../../src/ast/parseModule.js';

// A fault in the fast path (it is tested to decline, never throw) must cost speed, not a result.
vi.mock('../../src/ast/estreeFromTypescript.js', () => ({
  estreeFromTypescript: (): never => {
    throw new TypeError('a converter fault');
  },
}));

describe('parseModule when the fast path throws', () => {
  it('parses the module with typescript-estree instead', () => {
    const program = parseModule("import { Entity } from 'typeorm';\n@Entity('users')\nexport class User {}\n", { jsx: false });
    expect(program.body.map((statement) => statement.type)).toEqual(['ImportDeclaration', 'ExportNamedDeclaration']);
  });

  it('still throws typescript-estree syntax errors', () => {
    expect(() => parseModule('export class {', { jsx: false })).toThrow();
  });
});
