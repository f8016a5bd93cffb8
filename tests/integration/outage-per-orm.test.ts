import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import { beforeEach, describe, expect, it } from 'vitest';
import plugin, { clearCaches } from '../../src/index.js';

/**
 * The outage (models in two folders, the ORM config loading one, migrations drifted from both, a
 * second model of one table, a cleanup migration dropping a mapped table) reproduced once per ORM.
 * Each fixture `tests/fixtures/outage-<orm>` has a twin `outage-<orm>-fixed` that must lint clean.
 */

const FIXTURES = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'fixtures');

interface OutageCase {
  /** The ORM and how its entities reach the ORM, as the test names say it. */
  readonly orm: string;
  readonly fixture: string;
  readonly registration: string;
  /** Explicit settings: the canonical folder only, and the migrations folder. */
  readonly models: readonly string[];
  readonly migrations: readonly string[];
  /** `file:line:column ruleId subject`, sorted. */
  readonly findings: readonly string[];
  /** Finding → text its message must contain (the cross-file facts each rule names). */
  readonly messages: Readonly<Record<string, string>>;
  /** Without `models`/`migrations`: where they are read from, and what that changes. */
  readonly zeroConfig: { readonly readsFrom: string; readonly findings: readonly string[] | 'same'; readonly why?: string };
}

const CASES: readonly OutageCase[] = [
  {
    orm: 'MikroORM 6 decorators',
    fixture: 'outage-mikro-orm',
    registration: 'defineConfig entitiesTs loads src/entities/ only',
    models: ['src/entities/**/*.ts'],
    migrations: ['src/migrations/*.ts'],
    findings: [
      'src/billing/entities/BillingSubscription.ts:4:22 orm-guard/entity-has-migration subscriptions',
      'src/billing/entities/BillingSubscription.ts:4:22 orm-guard/unique-table-name subscriptions',
      'src/billing/entities/BillingSubscription.ts:5:14 orm-guard/entity-location BillingSubscription',
      'src/billing/entities/BillingSubscription.ts:5:14 orm-guard/entity-registered BillingSubscription',
      'src/billing/entities/CreditTransaction.ts:6:22 orm-guard/entity-has-migration credit_transactions',
      'src/billing/entities/CreditTransaction.ts:7:14 orm-guard/entity-location CreditTransaction',
      'src/billing/entities/CreditTransaction.ts:7:14 orm-guard/entity-registered CreditTransaction',
      'src/entities/ApiKey.ts:6:14 orm-guard/entity-has-migration api_key',
      'src/entities/Subscription.ts:5:22 orm-guard/entity-has-migration subscriptions',
      'src/migrations/Migration20240401000000.ts:6:5 orm-guard/no-drop-mapped-table api_key',
    ],
    messages: {
      'src/billing/entities/CreditTransaction.ts:6:22 orm-guard/entity-has-migration credit_transactions':
        "A similar table 'credit_transaction' exists (created at src/migrations/Migration20240301000000.ts:6)",
      'src/billing/entities/CreditTransaction.ts:7:14 orm-guard/entity-registered CreditTransaction':
        'is not registered with MikroORM: src/mikro-orm.config.ts:7 (MikroORM config) loads only dist/entities/**/*.{js,ts,mjs,mts,cjs,cts} and src/entities/**/*.{js,ts,mjs,mts,cjs,cts}',
      'src/billing/entities/CreditTransaction.ts:7:14 orm-guard/entity-location CreditTransaction':
        'is declared in src/billing/entities/CreditTransaction.ts, outside the models location (src/entities/**/*.ts)',
      'src/billing/entities/BillingSubscription.ts:4:22 orm-guard/unique-table-name subscriptions':
        "which entity 'Subscription' (src/entities/Subscription.ts:6) also maps",
      'src/entities/ApiKey.ts:6:14 orm-guard/entity-has-migration api_key':
        'but src/migrations/Migration20240401000000.ts:6 drops it and no later migration re-creates it',
      'src/migrations/Migration20240401000000.ts:6:5 orm-guard/no-drop-mapped-table api_key':
        "which entity 'ApiKey' (src/entities/ApiKey.ts:6) still maps",
    },
    zeroConfig: { readsFrom: 'mikro-orm.config.ts entitiesTs and migrations.pathTs', findings: 'same' },
  },
  {
    orm: 'sequelize-typescript',
    fixture: 'outage-sequelize-typescript',
    registration: 'new Sequelize({ models }) loads src/models/* only',
    models: ['src/models/*.ts'],
    migrations: ['src/migrations/*.ts'],
    findings: [
      'src/billing/models/BillingSubscription.ts:4:21 orm-guard/entity-has-migration subscriptions',
      'src/billing/models/BillingSubscription.ts:4:21 orm-guard/unique-table-name subscriptions',
      'src/billing/models/BillingSubscription.ts:5:14 orm-guard/entity-location BillingSubscription',
      'src/billing/models/BillingSubscription.ts:5:14 orm-guard/entity-registered BillingSubscription',
      'src/billing/models/CreditTransaction.ts:5:21 orm-guard/entity-has-migration credit_transactions',
      'src/billing/models/CreditTransaction.ts:6:14 orm-guard/entity-location CreditTransaction',
      'src/billing/models/CreditTransaction.ts:6:14 orm-guard/entity-registered CreditTransaction',
      'src/migrations/20240401000000-drop-api-keys.ts:5:3 orm-guard/no-drop-mapped-table ApiKeys',
      'src/models/ApiKey.ts:5:14 orm-guard/entity-has-migration ApiKeys',
      'src/models/Subscription.ts:4:21 orm-guard/entity-has-migration subscriptions',
    ],
    messages: {
      'src/billing/models/CreditTransaction.ts:5:21 orm-guard/entity-has-migration credit_transactions':
        "A similar table 'credit_transaction' exists (created at src/migrations/20240301000000-add-credit-ledger.ts:5)",
      'src/billing/models/CreditTransaction.ts:6:14 orm-guard/entity-registered CreditTransaction':
        'is not registered with sequelize-typescript: src/database.ts:7 (new Sequelize({ models })) loads only src/models/*.{ts,js}',
      'src/billing/models/CreditTransaction.ts:6:14 orm-guard/entity-location CreditTransaction':
        'outside the models location (src/models/*.ts)',
      'src/billing/models/BillingSubscription.ts:4:21 orm-guard/unique-table-name subscriptions':
        "which entity 'Subscription' (src/models/Subscription.ts:5) also maps",
      'src/models/ApiKey.ts:5:14 orm-guard/entity-has-migration ApiKeys':
        'but src/migrations/20240401000000-drop-api-keys.ts:5 drops it and no later migration re-creates it',
      'src/migrations/20240401000000-drop-api-keys.ts:5:3 orm-guard/no-drop-mapped-table ApiKeys':
        "which entity 'ApiKey' (src/models/ApiKey.ts:5) still maps",
    },
    zeroConfig: { readsFrom: 'new Sequelize({ models }) and .sequelizerc migrations-path', findings: 'same' },
  },
  {
    orm: 'Sequelize Model.init',
    fixture: 'outage-sequelize',
    registration:
      'models register themselves when their file runs, so entity-registered stays silent and entity-location flags the folder models/index.js never reads',
    models: ['src/models/*.ts'],
    migrations: ['src/migrations/*.{js,ts}'],
    findings: [
      'src/billing/models/BillingSubscription.ts:3:14 orm-guard/entity-location BillingSubscription',
      'src/billing/models/BillingSubscription.ts:9:80 orm-guard/entity-has-migration subscriptions',
      'src/billing/models/BillingSubscription.ts:9:80 orm-guard/unique-table-name subscriptions',
      'src/billing/models/CreditTransaction.ts:10:81 orm-guard/entity-has-migration credit_transactions',
      'src/billing/models/CreditTransaction.ts:3:14 orm-guard/entity-location CreditTransaction',
      'src/migrations/20240401000000-drop-api-keys.ts:6:3 orm-guard/no-drop-mapped-table api_keys',
      'src/models/ApiKey.ts:10:69 orm-guard/entity-has-migration api_keys',
      'src/models/Subscription.ts:9:73 orm-guard/entity-has-migration subscriptions',
    ],
    messages: {
      'src/billing/models/CreditTransaction.ts:10:81 orm-guard/entity-has-migration credit_transactions':
        "A similar table 'credit_transaction' exists (created at src/migrations/20240301000000-add-credit-ledger.ts:6)",
      'src/billing/models/CreditTransaction.ts:3:14 orm-guard/entity-location CreditTransaction':
        'outside the models location (src/models/*.ts)',
      'src/billing/models/BillingSubscription.ts:9:80 orm-guard/unique-table-name subscriptions':
        "which entity 'Subscription' (src/models/Subscription.ts:3) also maps",
      // The default table name: pluralised, then underscored by models/index.js's global define.
      'src/models/ApiKey.ts:10:69 orm-guard/entity-has-migration api_keys':
        'but src/migrations/20240401000000-drop-api-keys.ts:6 drops it and no later migration re-creates it',
      'src/migrations/20240401000000-drop-api-keys.ts:6:3 orm-guard/no-drop-mapped-table api_keys':
        "which entity 'ApiKey' (src/models/ApiKey.ts:3) still maps",
    },
    zeroConfig: { readsFrom: '.sequelizerc models-path and migrations-path', findings: 'same' },
  },
  {
    orm: 'Drizzle',
    fixture: 'outage-drizzle',
    registration:
      'tables register themselves, so entity-registered stays silent; the drop is in a .sql file ESLint does not lint, so entity-has-migration on the table reports it instead of no-drop-mapped-table',
    models: ['src/db/schema/*.ts'],
    migrations: ['drizzle/*.sql'],
    findings: [
      'src/billing/schema/billingSubscriptions.ts:4:14 orm-guard/entity-location billingSubscriptions',
      'src/billing/schema/billingSubscriptions.ts:4:45 orm-guard/entity-has-migration subscriptions',
      'src/billing/schema/billingSubscriptions.ts:4:45 orm-guard/unique-table-name subscriptions',
      'src/billing/schema/creditTransactions.ts:5:14 orm-guard/entity-location creditTransactions',
      'src/billing/schema/creditTransactions.ts:5:43 orm-guard/entity-has-migration credit_transactions',
      'src/db/schema/apiKeys.ts:4:32 orm-guard/entity-has-migration api_keys',
      'src/db/schema/subscriptions.ts:4:38 orm-guard/entity-has-migration subscriptions',
    ],
    messages: {
      'src/billing/schema/creditTransactions.ts:5:43 orm-guard/entity-has-migration credit_transactions':
        "A similar table 'credit_transaction' exists (created at drizzle/0002_credit_ledger.sql:2)",
      'src/billing/schema/creditTransactions.ts:5:14 orm-guard/entity-location creditTransactions':
        'outside the models location (src/db/schema/*.ts)',
      'src/billing/schema/billingSubscriptions.ts:4:45 orm-guard/unique-table-name subscriptions':
        "which entity 'subscriptions' (src/db/schema/subscriptions.ts:4) also maps",
      'src/db/schema/apiKeys.ts:4:32 orm-guard/entity-has-migration api_keys':
        'but drizzle/0003_drop_api_keys.sql:2 drops it and no later migration re-creates it',
    },
    zeroConfig: { readsFrom: 'drizzle.config.ts schema and out', findings: 'same' },
  },
  {
    orm: 'Objection/Knex',
    fixture: 'outage-objection',
    registration: 'models register themselves, so entity-registered stays silent',
    models: ['src/models/*.{ts,js}'],
    migrations: ['db/migrations/*.{js,ts}'],
    findings: [
      'db/migrations/20240401000000_drop_api_keys.ts:5:3 orm-guard/no-drop-mapped-table api_keys',
      'src/billing/models/BillingSubscription.ts:4:14 orm-guard/entity-location BillingSubscription',
      'src/billing/models/BillingSubscription.ts:5:31 orm-guard/entity-has-migration subscriptions',
      'src/billing/models/BillingSubscription.ts:5:31 orm-guard/unique-table-name subscriptions',
      'src/billing/models/CreditTransaction.ts:4:14 orm-guard/entity-location CreditTransaction',
      'src/billing/models/CreditTransaction.ts:5:31 orm-guard/entity-has-migration credit_transactions',
      'src/models/ApiKey.js:5:12 orm-guard/entity-has-migration api_keys',
      'src/models/Subscription.ts:5:31 orm-guard/entity-has-migration subscriptions',
    ],
    messages: {
      'src/billing/models/CreditTransaction.ts:5:31 orm-guard/entity-has-migration credit_transactions':
        "A similar table 'credit_transaction' exists (created at db/migrations/20240301000000_add_credit_ledger.ts:5)",
      'src/billing/models/CreditTransaction.ts:4:14 orm-guard/entity-location CreditTransaction':
        'outside the models location (src/models/*.{ts,js})',
      'src/billing/models/BillingSubscription.ts:5:31 orm-guard/unique-table-name subscriptions':
        "which entity 'Subscription' (src/models/Subscription.ts:4) also maps",
      'src/models/ApiKey.js:5:12 orm-guard/entity-has-migration api_keys':
        'but db/migrations/20240401000000_drop_api_keys.ts:5 drops it and no later migration re-creates it',
      'db/migrations/20240401000000_drop_api_keys.ts:5:3 orm-guard/no-drop-mapped-table api_keys':
        "which entity 'ApiKey' (src/models/ApiKey.js:3) still maps",
    },
    zeroConfig: {
      readsFrom: 'the knexfile migrations directory',
      why: 'Objection models have no configured location, so entity-location, and unique-table-name and no-drop-mapped-table (which compare with the models location), stay silent',
      findings: [
        'src/billing/models/BillingSubscription.ts:5:31 orm-guard/entity-has-migration subscriptions',
        'src/billing/models/CreditTransaction.ts:5:31 orm-guard/entity-has-migration credit_transactions',
        'src/models/ApiKey.js:5:12 orm-guard/entity-has-migration api_keys',
        'src/models/Subscription.ts:5:31 orm-guard/entity-has-migration subscriptions',
      ],
    },
  },
];

interface Finding {
  readonly summary: string;
  readonly message: string;
}

/** Lints every source file of a fixture with the recommended config and the given settings. */
async function lintFixture(fixture: string, settings: Record<string, unknown>): Promise<Finding[]> {
  const cwd = path.join(FIXTURES, fixture);
  const eslint = new ESLint({ cwd, overrideConfigFile: true, overrideConfig: [plugin.configs.recommended, { settings: { 'orm-guard': settings } }] });
  const results = await eslint.lintFiles(['.']);
  return results
    .flatMap((result) =>
      result.messages.map((message) => {
        const subject = /table '([^']+)'/u.exec(message.message)?.[1] ?? /Entity '([^']+)'/u.exec(message.message)?.[1];
        const where = `${path.relative(cwd, result.filePath).split(path.sep).join('/')}:${message.line}:${message.column}`;
        return { summary: `${where} ${message.ruleId ?? 'fatal'} ${subject ?? message.message}`, message: message.message };
      }),
    )
    .sort((a, b) => a.summary.localeCompare(b.summary, 'en'));
}

function explicitSettings(outage: OutageCase, fixture: string): Record<string, unknown> {
  return { rootDir: path.join(FIXTURES, fixture), models: outage.models, migrations: outage.migrations };
}

/** Zero-config: no settings at all; the root is the fixture's package.json folder. */
const ZERO_CONFIG = {};

describe.each(CASES)('the outage with $orm ($fixture)', (outage) => {
  beforeEach(() => clearCaches());

  it(`reports the second folder, the missing tables, the duplicate mapping and the drop (${outage.registration})`, async () => {
    const findings = await lintFixture(outage.fixture, explicitSettings(outage, outage.fixture));
    expect(findings.map((finding) => finding.summary)).toEqual([...outage.findings].sort((a, b) => a.localeCompare(b, 'en')));
    for (const [summary, fragment] of Object.entries(outage.messages)) {
      expect(findings.find((finding) => finding.summary === summary)?.message, summary).toContain(fragment);
    }
  });

  const zeroConfig = outage.zeroConfig;
  const zeroConfigName =
    zeroConfig.findings === 'same'
      ? `zero-config (${zeroConfig.readsFrom}) gives the same findings`
      : `zero-config (${zeroConfig.readsFrom}) gives fewer findings: ${zeroConfig.why ?? ''}`;
  it(zeroConfigName, async () => {
    const expected = zeroConfig.findings === 'same' ? outage.findings : zeroConfig.findings;
    const findings = await lintFixture(outage.fixture, ZERO_CONFIG);
    expect(findings.map((finding) => finding.summary)).toEqual([...expected].sort((a, b) => a.localeCompare(b, 'en')));
  });

  it('reports nothing once fixed (one folder, every table created, one mapping per table, no drop), with settings and zero-config', async () => {
    const fixed = `${outage.fixture}-fixed`;
    expect(await lintFixture(fixed, explicitSettings(outage, fixed))).toEqual([]);
    expect(await lintFixture(fixed, ZERO_CONFIG)).toEqual([]);
  });
});
