import { describe, expect, it } from 'vitest';
import { globsThatCouldHold } from '../../src/project/globMatcher.js';

describe('globsThatCouldHold: where an entity file could be moved', () => {
  const mikroOrm = ['dist/modules/**/*.entity.js', 'src/modules/**/*.entity.ts'];

  it('keeps the globs that a file of that name could match', () => {
    expect(globsThatCouldHold(mikroOrm, 'user.entity.ts')).toEqual(['src/modules/**/*.entity.ts']);
    expect(globsThatCouldHold(mikroOrm, 'user.entity.js')).toEqual(['dist/modules/**/*.entity.js']);
    expect(globsThatCouldHold(['src/models/**/*.ts', 'src/features/*/models/*.ts'], 'User.ts')).toEqual(['src/models/**/*.ts', 'src/features/*/models/*.ts']);
  });

  it('reads plain directories and root-level globs', () => {
    expect(globsThatCouldHold(['src/models', 'lib/*.js'], 'User.ts')).toEqual(['src/models']);
    expect(globsThatCouldHold(['*.model.ts'], 'user.model.ts')).toEqual(['*.model.ts']);
  });

  it('gives all globs back when none could hold the file, rather than none', () => {
    expect(globsThatCouldHold(mikroOrm, 'user.ts')).toEqual(mikroOrm);
  });
});
