import entityHasMigration from '../../rules/entity-has-migration.js';
import entityLocation from '../../rules/entity-location.js';
import { RuleTester, fixtureFile, fixturePath, fixtureSettings } from '../support/ruleTester.js';

const ruleTester = new RuleTester();
const PROJECT = 'drizzle-basic';
const MODELS = 'src/db/**/*.ts';
const MIGRATIONS = 'drizzle/*.sql';
const settings = fixtureSettings(PROJECT, { models: [MODELS], migrations: [MIGRATIONS] });
const READ = `read 2 migration files matching ${MIGRATIONS}`;
const INIT = 'drizzle/0000_init.sql';
const CLEANUP = 'drizzle/0001_sessions_and_cleanup.sql';
const IMPORTS = "import { pgSchema, pgTable, pgTableCreator, serial, text } from 'drizzle-orm/pg-core';\n\n";

const schemaFile = (name: string): string => fixturePath(PROJECT, `src/db/${name}.ts`);

ruleTester.run('entity-has-migration (drizzle)', entityHasMigration, {
  valid: [
    { name: 'every table of the schema module is created by drizzle-kit migrations', ...fixtureFile(PROJECT, 'src/db/schema.ts'), settings },
    {
      name: 'a table renamed into place by a later migration',
      filename: schemaFile('organizations'),
      code: `${IMPORTS}export const organizations = pgTable('organizations', { id: serial('id').primaryKey() });\n`,
      settings,
    },
    {
      name: 'a pgSchema table created schema-qualified',
      filename: schemaFile('billing'),
      code: `${IMPORTS}const billing = pgSchema('billing');\nexport const invoices = billing.table('invoices', { id: serial('id') });\n`,
      settings,
    },
    {
      name: 'a table creator prefix is applied before matching',
      filename: schemaFile('sessions'),
      code: `${IMPORTS}const createTable = pgTableCreator((name) => \`app_\${name}\`);\nexport const sessions = createTable('sessions', { id: text('id') });\n`,
      settings,
    },
    {
      name: 'a view is matched against CREATE VIEW, not against tables',
      filename: schemaFile('views'),
      code: "import { pgView } from 'drizzle-orm/pg-core';\nimport { sql } from 'drizzle-orm';\nexport const recent = pgView('active_users').as(sql`select 1`);\n",
      settings,
    },
    {
      name: 'a table name built at runtime is skipped by default',
      filename: schemaFile('tenant'),
      code: `${IMPORTS}export const tenantData = pgTable(\`tenant_\${process.env.TENANT}\`, { id: serial('id') });\n`,
      settings,
    },
  ],
  invalid: [
    {
      name: 'a table that no migration creates',
      filename: schemaFile('audit'),
      code: `${IMPORTS}export const auditLog = pgTable('audit_log', {\n  id: serial('id').primaryKey(),\n});\n`,
      settings,
      errors: [
        {
          messageId: 'tableNeverCreated',
          data: { entity: 'auditLog', relation: 'maps to table', table: 'audit_log', migrations: READ, nearMiss: '', blindSpots: '' },
          line: 3,
          column: 33,
          endLine: 3,
          endColumn: 44,
        },
      ],
    },
    {
      name: 'a table dropped by a later migration',
      ...fixtureFile(PROJECT, 'src/legacy/tokens.ts'),
      settings,
      errors: [
        {
          messageId: 'tableDropped',
          data: { entity: 'legacyTokens', relation: 'maps to table', table: 'legacy_tokens', site: `${CLEANUP}:8`, migrations: READ, blindSpots: '' },
          line: 4,
          column: 37,
          endLine: 4,
          endColumn: 52,
        },
      ],
    },
    {
      name: 'a table renamed away by a later migration',
      filename: schemaFile('teams'),
      code: `${IMPORTS}export const teams = pgTable('teams', { id: serial('id').primaryKey() });\n`,
      settings,
      errors: [
        {
          messageId: 'tableRenamed',
          data: { entity: 'teams', relation: 'maps to table', table: 'teams', site: `${CLEANUP}:1`, newName: 'organizations', migrations: READ, blindSpots: '' },
          line: 3,
          column: 30,
          endLine: 3,
          endColumn: 37,
        },
      ],
    },
    {
      name: 'a table creator prefix that the migrations do not use',
      filename: schemaFile('sessions'),
      code: `${IMPORTS}const createTable = pgTableCreator((name) => \`myapp_\${name}\`);\nexport const sessions = createTable('sessions', { id: text('id') });\n`,
      settings,
      errors: [
        {
          messageId: 'tableNeverCreated',
          data: {
            entity: 'sessions',
            relation: 'maps to table',
            table: 'myapp_sessions',
            migrations: READ,
            nearMiss: ` A similar table 'app_sessions' exists (created at ${CLEANUP}:2): is the entity's table name wrong?`,
            blindSpots: '',
          },
          line: 4,
          column: 37,
          endLine: 4,
          endColumn: 47,
        },
      ],
    },
    {
      name: 'a table declared with pgTable that the migrations create in another schema',
      filename: schemaFile('invoices'),
      code: `${IMPORTS}export const invoices = pgTable('invoices', { id: serial('id') });\n`,
      settings,
      errors: [
        {
          messageId: 'tableNeverCreated',
          data: {
            entity: 'invoices',
            relation: 'maps to table',
            table: 'invoices',
            migrations: READ,
            nearMiss: ` A table 'billing.invoices' exists in schema 'billing' (created at ${INIT}:22): does the entity name the right schema?`,
            blindSpots: '',
          },
          line: 3,
          column: 33,
          endLine: 3,
          endColumn: 43,
        },
      ],
    },
    {
      name: 'reportUnresolved reports a table creator that cannot be read',
      filename: schemaFile('creator'),
      code: `${IMPORTS}import { prefixed } from './naming';\nconst createTable = pgTableCreator(prefixed);\nexport const accounts = createTable('accounts', {});\n`,
      options: [{ ignoreTables: [], reportUnresolved: true }],
      settings,
      errors: [
        {
          messageId: 'unresolvedTableName',
          data: { entity: 'accounts', reason: "its table creator's name function cannot be read statically" },
          line: 5,
          column: 14,
          endLine: 5,
          endColumn: 22,
        },
      ],
    },
  ],
});

ruleTester.run('entity-location (drizzle)', entityLocation, {
  valid: [
    { name: 'a schema module inside the models location', ...fixtureFile(PROJECT, 'src/db/schema.ts'), settings },
    {
      name: 'a module that only imports column builders declares no table',
      filename: fixturePath(PROJECT, 'src/lib/columns.ts'),
      code: "import { timestamp } from 'drizzle-orm/pg-core';\nexport const timestamps = { createdAt: timestamp('created_at').defaultNow() };\n",
      settings,
    },
  ],
  invalid: [
    {
      name: 'a table declared outside the models location',
      ...fixtureFile(PROJECT, 'src/legacy/tokens.ts'),
      settings,
      errors: [
        {
          messageId: 'entityOutsideModels',
          data: { entity: 'legacyTokens', file: 'src/legacy/tokens.ts', models: MODELS, destination: MODELS },
          line: 4,
          column: 14,
          endLine: 4,
          endColumn: 26,
        },
      ],
    },
    {
      name: 'tables and views of a stray schema module are each reported',
      filename: fixturePath(PROJECT, 'src/features/reports.ts'),
      code: "import { pgTable, pgView } from 'drizzle-orm/pg-core';\nexport const reports = pgTable('reports', {});\nexport const reportTotals = pgView('report_totals').as((qb) => qb.select().from(reports));\n",
      settings,
      errors: [
        { messageId: 'entityOutsideModels', data: { entity: 'reports', file: 'src/features/reports.ts', models: MODELS, destination: MODELS }, line: 2, column: 14, endLine: 2, endColumn: 21 },
        { messageId: 'entityOutsideModels', data: { entity: 'reportTotals', file: 'src/features/reports.ts', models: MODELS, destination: MODELS }, line: 3, column: 14, endLine: 3, endColumn: 26 },
      ],
    },
  ],
});
