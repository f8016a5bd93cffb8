import { describe, expect, it } from 'vitest';
import { orderMigrationFiles } from '../../src/project/migrationOrder.js';
import { readRegistryOrder } from '../../src/project/registryOrder.js';

const noJournals = { journalTags: () => undefined, registry: undefined };

describe('orderMigrationFiles', () => {
  it('orders by file name, leading numbers numerically', () => {
    expect(orderMigrationFiles(['m/10_b.sql', 'm/9_a.sql', 'm/1700000000000-X.ts'], noJournals).files).toEqual([
      'm/9_a.sql',
      'm/10_b.sql',
      'm/1700000000000-X.ts',
    ]);
  });

  it('orders Prisma migration folders by folder name', () => {
    const files = ['prisma/migrations/20240201000000_b/migration.sql', 'prisma/migrations/20240101000000_a/migration.sql'];
    expect(orderMigrationFiles(files, noJournals).files).toEqual([...files].reverse());
  });

  it('follows a drizzle-kit journal within its folder and leaves out files it does not list', () => {
    const journal = (directory: string) => (directory === 'drizzle' ? ['0001_later', '0000_first'] : undefined);
    const ordered = orderMigrationFiles(['drizzle/0000_first.sql', 'drizzle/0001_later.sql', 'drizzle/9999_stray.sql', 'other/5.sql'], {
      journalTags: journal,
      registry: undefined,
    });
    expect(ordered).toEqual({ files: ['drizzle/0001_later.sql', 'drizzle/0000_first.sql', 'other/5.sql'], notInJournal: ['drizzle/9999_stray.sql'] });
  });

  it('puts a registry order first, then unlisted files by name', () => {
    const ordered = orderMigrationFiles(['m/a.ts', 'm/b.ts', 'm/c.ts'], { journalTags: () => undefined, registry: ['m/c.ts', 'm/a.ts'] });
    expect(ordered.files).toEqual(['m/c.ts', 'm/a.ts', 'm/b.ts']);
  });
});

describe('readRegistryOrder', () => {
  it('reads the import sources of the longest array of imported identifiers, in order', () => {
    const text = [
      "import { B } from './2-b';",
      "import { A } from './1-a';",
      "import { helper } from './helpers';",
      'export const tools = [helper];',
      'export const migrations = [B, A];',
    ].join('\n');
    expect(readRegistryOrder(text)).toEqual(['./2-b', './1-a']);
  });

  it('answers nothing for a file that does not parse', () => {
    expect(readRegistryOrder('export const = [')).toEqual([]);
  });
});
