import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { ESLint } from 'eslint';
import { afterEach, describe, expect, it } from 'vitest';
import plugin, { clearCaches } from '../../src/index.js';
import { fixturePath } from '../support/ruleTester.js';
import { copyFixtureToTemp } from '../support/tempProject.js';

const CREDIT_TRANSACTION = 'src/billing/models/CreditTransaction.ts';

/** One ESLint instance reused across lints (as an editor keeps one), running only entity-registered. */
function createEslint(root: string, settings: Record<string, unknown> = {}): ESLint {
  return new ESLint({
    cwd: root,
    overrideConfigFile: true,
    overrideConfig: [
      { ...plugin.configs.recommended, rules: { 'orm-guard/entity-registered': 'error' } },
      { settings: { 'orm-guard': { rootDir: root, cacheLifetime: 0, ...settings } } },
    ],
  });
}

async function messagesFor(eslint: ESLint, root: string, relativePath: string): Promise<string[]> {
  const filePath = path.join(root, relativePath);
  const [result] = await eslint.lintText(readFileSync(filePath, 'utf8'), { filePath });
  return (result?.messages ?? []).map((message) => `${message.line}:${message.column} ${message.ruleId ?? 'fatal'}: ${message.message}`);
}

describe('entity-registered through ESLint', () => {
  let cleanup: (() => void) | undefined;
  afterEach(() => {
    cleanup?.();
    cleanup = undefined;
    clearCaches();
  });

  it('reports the outage with the whole message', async () => {
    const root = fixturePath('registration-outage', '');
    expect(await messagesFor(createEslint(root), root, CREDIT_TRANSACTION)).toEqual([
      "5:14 orm-guard/entity-registered: Entity 'CreditTransaction' is not registered with TypeORM: src/data-source.ts:11 (new DataSource({ entities })) lists only User, " +
        'Organization and ApiKey. TypeORM will never load it, so using it fails at run time. ' +
        "Add 'CreditTransaction' to the list at src/data-source.ts:11.",
    ]);
  });

  it('sees the config change on disk in a long-lived process', async () => {
    const { root, remove } = copyFixtureToTemp('registration-outage');
    cleanup = remove;
    const eslint = createEslint(root);
    expect(await messagesFor(eslint, root, CREDIT_TRANSACTION)).toHaveLength(1);

    const dataSource = path.join(root, 'src/data-source.ts');
    const fixed = readFileSync(dataSource, 'utf8')
      .replace("import { User } from './models/User.js';", "import { User } from './models/User.js';\nimport { CreditTransaction } from './billing/models/CreditTransaction.js';")
      .replace('entities: [User, Organization, ApiKey]', 'entities: [User, Organization, ApiKey, CreditTransaction]');
    writeFileSync(dataSource, fixed);
    expect(await messagesFor(eslint, root, CREDIT_TRANSACTION)).toEqual([]);

    // Dropping the entry again (a commit that only edits the config) is seen on the next lint of the entity.
    writeFileSync(dataSource, fixed.replace('ApiKey, CreditTransaction]', 'ApiKey]'));
    expect(await messagesFor(eslint, root, CREDIT_TRANSACTION)).toHaveLength(1);
  });
});
