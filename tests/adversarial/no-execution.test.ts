import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { copyFixtureToTemp } from '../support/tempProject.js';
import { lintWithSettings, type TempProject } from './support/adversarialProject.js';

// tests/fixtures/adversarial-side-effects{,-configs}: every config, entity and migration there writes a
// `RAN-*` marker, records itself in globalThis and calls process.exit(86) when loaded (in its top
// level, class static blocks, static fields, decorators and option initialisers).

const FIXTURE = 'adversarial-side-effects';
/** The same for MikroORM, Drizzle and Sequelize (configs, models, schema, migrations). */
const CONFIGS_FIXTURE = 'adversarial-side-effects-configs';

/** Every `RAN-*` marker anywhere in the project. */
function markers(root: string): string[] {
  return readdirSync(root, { recursive: true, encoding: 'utf8' })
    .filter((entry) => path.basename(entry).startsWith('RAN-'))
    .sort();
}

function tempProject(fixture = FIXTURE): TempProject {
  const copy = copyFixtureToTemp(fixture);
  return { root: copy.root, file: (relativePath) => path.join(copy.root, relativePath), remove: copy.remove };
}

describe('configs, entities and migrations whose top level would act if executed', () => {
  let project: TempProject | undefined;
  afterEach(() => project?.remove());

  it('the fixture does act when executed: loading a config or migration writes its marker and exits', () => {
    project = tempProject();
    for (const file of ['knexfile.js', 'db/migrations/20240101000000_accounts.js']) {
      const run = spawnSync(process.execPath, [project.file(file)], { cwd: project.root });
      expect(run.status).toBe(86);
    }
    expect(markers(project.root)).toEqual(['RAN-knexfile.js', 'db/migrations/RAN-20240101000000_accounts.js']);
    project.remove();
    project = tempProject(CONFIGS_FIXTURE);
    for (const file of ['.sequelizerc', 'db/models/comment.js', 'db/migrations/20240101000000-create-comments.js']) {
      const run = spawnSync(process.execPath, [project.file(file)], { cwd: project.root });
      expect(run.status).toBe(86);
    }
    expect(markers(project.root)).toEqual(['RAN-.sequelizerc', 'db/migrations/RAN-20240101000000-create-comments.js', 'db/models/RAN-comment.js']);
  });

  it('are read, statically, by every rule: findings come out and nothing ran', async () => {
    project = tempProject();
    // Zero-config: the settings name only the root, so the configs are read to find everything else.
    const findings = await lintWithSettings(project, ['.'], { rootDir: project.root, cacheLifetime: 0 });
    // The process is still here (no process.exit ran), no file was written, no global was set.
    expect(markers(project.root)).toEqual([]);
    expect((globalThis as { ormGuardExecuted?: unknown }).ormGuardExecuted).toBeUndefined();
    // And the files were read: the users table is created by a TypeORM migration, accounts by a
    // knex one, invoices by none.
    expect(findings.map(({ file, line, rule }) => `${file}:${line} ${rule}`)).toEqual([
      'db/migrations/20240101000000_accounts.js:6 orm-guard/no-orphan-table',
      'src/entity/Invoice.ts:9 orm-guard/entity-has-migration',
    ]);
    expect(findings[1]?.message).toContain("Entity 'Invoice' maps to table 'invoices', but no migration creates it (read 2 migration files");
  });

  it('MikroORM, Drizzle and Sequelize configs, models and migrations are read the same way: findings, and nothing ran', async () => {
    project = tempProject(CONFIGS_FIXTURE);
    const findings = await lintWithSettings(project, ['.'], { rootDir: project.root, cacheLifetime: 0 });
    expect(markers(project.root)).toEqual([]);
    expect((globalThis as { ormGuardExecuted?: unknown }).ormGuardExecuted).toBeUndefined();
    // members (MikroORM), comments (Sequelize) and posts (Drizzle) are created; drafts is not.
    expect(findings.map(({ file, line, rule }) => `${file}:${line} ${rule}`)).toEqual(['src/db/schema.ts:10 orm-guard/entity-has-migration']);
    expect(findings[0]?.message).toContain("maps to table 'drafts', but no migration creates it (read 3 migration files");
  });
});
