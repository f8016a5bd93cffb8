import { rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { ESLint } from 'eslint';
import { afterEach, describe, expect, it } from 'vitest';
import plugin, { clearCaches } from '../../src/index.js';
import { copyFixtureToTemp } from '../support/tempProject.js';

const SUBSCRIPTION = `import { Entity, PrimaryGeneratedColumn } from 'typeorm';

@Entity('subscriptions')
export class Subscription {
  @PrimaryGeneratedColumn()
  id!: number;
}
`;

const CREATE_SUBSCRIPTIONS = `import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateSubscriptions1800000000000 implements MigrationInterface {
  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('CREATE TABLE "subscriptions" ("id" SERIAL NOT NULL)');
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE "subscriptions"');
  }
}
`;

/** One ESLint instance reused across lints, as an editor integration does. */
function createEditorLikeEslint(root: string, cacheLifetime?: number): ESLint {
  return new ESLint({
    cwd: root,
    overrideConfigFile: true,
    overrideConfig: [
      plugin.configs.recommended,
      {
        settings: {
          'orm-guard': {
            rootDir: root,
            models: ['src/models/**/*.ts'],
            migrations: ['src/migrations/*.{ts,sql}'],
            ...(cacheLifetime === undefined ? {} : { cacheLifetime }),
          },
        },
      },
    ],
  });
}

async function ruleIdsFor(eslint: ESLint, root: string, text: string): Promise<string[]> {
  const [result] = await eslint.lintText(text, { filePath: path.join(root, 'src/models/Subscription.ts') });
  // Only the rule this file is about: other recommended rules (unique-table-name…) have their own tests.
  return (result?.messages ?? [])
    .filter((message) => message.ruleId === null || message.ruleId === 'orm-guard/entity-has-migration')
    .map((message) => `${message.ruleId ?? 'fatal'}: ${message.message.slice(0, 60)}`);
}

describe('a long-lived ESLint process sees migrations change on disk', () => {
  let cleanup: (() => void) | undefined;
  afterEach(() => cleanup?.());

  it('reports, clears when a migration is added, and reports again when it is deleted', async () => {
    const project = copyFixtureToTemp('typeorm-basic');
    cleanup = project.remove;
    const eslint = createEditorLikeEslint(project.root, 0);
    const migrationPath = path.join(project.root, 'src/migrations/1800000000000-CreateSubscriptions.ts');

    const before = await ruleIdsFor(eslint, project.root, SUBSCRIPTION);
    expect(before).toEqual([expect.stringMatching(/^orm-guard\/entity-has-migration: Entity 'Subscription' maps to table 'subscriptions'/u)]);

    writeFileSync(migrationPath, CREATE_SUBSCRIPTIONS);
    expect(await ruleIdsFor(eslint, project.root, SUBSCRIPTION)).toEqual([]);

    rmSync(migrationPath);
    expect(await ruleIdsFor(eslint, project.root, SUBSCRIPTION)).toEqual(before);
  });

  it('sees an edit to an existing migration that keeps its size and lands in the same clock tick', async () => {
    const project = copyFixtureToTemp('typeorm-basic');
    cleanup = project.remove;
    const eslint = createEditorLikeEslint(project.root, 0);
    const migrationPath = path.join(project.root, 'src/migrations/1800000000000-CreateSubscriptions.ts');

    writeFileSync(migrationPath, CREATE_SUBSCRIPTIONS);
    expect(await ruleIdsFor(eslint, project.root, SUBSCRIPTION)).toEqual([]);
    // Same length, different table: mtime may not move within one tick, size does not change.
    writeFileSync(migrationPath, CREATE_SUBSCRIPTIONS.replaceAll('"subscriptions"', '"subscriptionz"'));
    expect(await ruleIdsFor(eslint, project.root, SUBSCRIPTION)).toHaveLength(1);
  });

  it('lints the unsaved editor text, not the file on disk', async () => {
    const project = copyFixtureToTemp('typeorm-basic');
    cleanup = project.remove;
    const eslint = createEditorLikeEslint(project.root, 0);
    // On disk Subscription.ts does not exist; the buffer maps an existing table.
    expect(await ruleIdsFor(eslint, project.root, SUBSCRIPTION.replace("'subscriptions'", "'users'"))).toEqual([]);
  });

  it('an explicit infinite cache lifetime freezes the index after the first build', async () => {
    const project = copyFixtureToTemp('typeorm-basic');
    cleanup = project.remove;
    const eslint = createEditorLikeEslint(project.root, Infinity);
    const before = await ruleIdsFor(eslint, project.root, SUBSCRIPTION);
    expect(before).toHaveLength(1);
    writeFileSync(path.join(project.root, 'src/migrations/1800000000000-CreateSubscriptions.ts'), CREATE_SUBSCRIPTIONS);
    expect(await ruleIdsFor(eslint, project.root, SUBSCRIPTION)).toEqual(before);
  });

  it('clearCaches() makes a frozen index read the disk again', async () => {
    const project = copyFixtureToTemp('typeorm-basic');
    cleanup = project.remove;
    const eslint = createEditorLikeEslint(project.root, Infinity);
    expect(await ruleIdsFor(eslint, project.root, SUBSCRIPTION)).toHaveLength(1);
    writeFileSync(path.join(project.root, 'src/migrations/1800000000000-CreateSubscriptions.ts'), CREATE_SUBSCRIPTIONS);
    clearCaches();
    expect(await ruleIdsFor(eslint, project.root, SUBSCRIPTION)).toEqual([]);
  });
});
