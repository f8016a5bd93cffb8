import { createRule } from '../src/createRule.js';
import { analyseLintedMigration, entitiesMapping, lineLoc, unreadMappings } from '../src/project/lintedMigration.js';
import { projectFileOrReport } from '../src/project/lintedFile.js';
import type { MigrationEvent } from '../src/schema/ddlEvent.js';
import { describeUnreadMappings } from '../src/reporting/describeUnreadMappings.js';
import { formatTableRef, type TableRef } from '../src/schema/tableRef.js';

type Options = [{ allowTables: string[] }];
type MessageIds = 'orphanTable' | 'invalidSettings';

/** Tables ORMs and migration tools keep for themselves: never mapped by an entity, never orphans. */
export const BOOKKEEPING_TABLES = [
  'migrations',
  'typeorm_metadata',
  'knex_migrations',
  'knex_migrations_lock',
  'SequelizeMeta',
  'mikro_orm_migrations',
  '__drizzle_migrations',
  '_prisma_migrations',
];

/** The table a statement leaves behind: the created one, or a rename's new name. */
function createdTable(event: MigrationEvent): TableRef | undefined {
  if (event.temporary === true) return undefined;
  if (event.kind === 'create-table') return event.table;
  if (event.kind === 'rename-table') return event.to;
  return undefined;
}

export default createRule<Options, MessageIds>({
  name: 'no-orphan-table',
  meta: {
    type: 'suggestion',
    docs: {
      description: 'Disallow migrations that create tables no entity maps',
      recommended: false,
    },
    messages: {
      orphanTable:
        "Table '{{table}}' is created here and still exists after all migrations ({{migrations}}), but no entity in {{models}} maps it.{{blindSpots}} Add an entity for it, drop it in a migration, or list it in this rule's allowTables option if it is kept on purpose.",
      // eslint-disable-next-line eslint-plugin/no-unused-message-ids -- reported by projectFileOrReport
      invalidSettings: 'orm-guard cannot check this migration because its settings are invalid: {{message}}',
    },
    schema: [
      {
        type: 'object',
        additionalProperties: false,
        properties: {
          allowTables: {
            type: 'array',
            items: { type: 'string' },
            description: `Tables kept without an entity on purpose ('schema.table' or 'table'), besides the ORMs' own bookkeeping tables (${BOOKKEEPING_TABLES.join(', ')}).`,
          },
        },
      },
    ],
    defaultOptions: [{ allowTables: [] }],
  },
  create(context, [{ allowTables }]) {
    const allowed = new Set([...BOOKKEEPING_TABLES, ...allowTables].map((name) => name.toLowerCase()));
    const isAllowed = (table: TableRef): boolean => allowed.has(table.name.toLowerCase()) || allowed.has(formatTableRef(table).toLowerCase());
    return {
      Program() {
        const file = projectFileOrReport(context);
        if (file === undefined) return;
        // Without a models location there is nothing to compare the tables with.
        if (file.scope.models.length === 0) return;
        // Configured models globs that match nothing would make every table an orphan; entity-location
        // reports the settings warning instead.
        if (file.index.config.models !== undefined && file.index.unmatchedGlobs(file.scope.models).length === file.scope.models.length) return;
        const migrations = analyseLintedMigration(file, context.sourceCode, context.physicalFilename);
        if (migrations.length === 0) return;
        const entities = file.index.entities();
        const blindSpots = describeUnreadMappings(unreadMappings(entities, file.index.unreadableModelFiles()));
        const models = file.scope.models.join(', ');
        for (const { events, snapshot } of migrations) {
          for (const event of events) {
            const table = createdTable(event);
            if (table === undefined || isAllowed(table)) continue;
            const present = snapshot.schema.findTable(table);
            // Only the statement that created the table that survives: later drops or re-creates take over.
            if (present === undefined || present.createdAt.file !== file.relativePath || present.createdAt.line !== event.line) continue;
            if (entitiesMapping(entities, table, 'table').length > 0) continue;
            const migrationsRead = `${snapshot.migrationFiles.length} migration file${snapshot.migrationFiles.length === 1 ? '' : 's'} replayed`;
            context.report({
              loc: lineLoc(context.sourceCode, event.line),
              messageId: 'orphanTable',
              data: { table: formatTableRef(table), migrations: migrationsRead, models, blindSpots },
            });
          }
        }
      },
    };
  },
});
