import { createRule } from '../src/createRule.js';
import { analyseLintedMigration, entitiesMapping, lineLoc } from '../src/project/lintedMigration.js';
import { projectFileOrReport } from '../src/project/lintedFile.js';
import { describeMigrationsRead } from '../src/reporting/describeMigrations.js';
import { formatTableRef } from '../src/schema/tableRef.js';

type Options = [{ ignoreTables: string[] }];
type MessageIds = 'mappedTableDropped' | 'mappedTableRenamed' | 'invalidSettings';

export default createRule<Options, MessageIds>({
  name: 'no-drop-mapped-table',
  meta: {
    type: 'problem',
    docs: {
      description: 'Disallow migrations that drop or rename away a table an entity still maps',
      recommended: true,
    },
    messages: {
      mappedTableDropped:
        "This migration drops {{objectKind}} '{{table}}', which entity '{{entity}}' ({{entitySite}}) still maps{{others}}, and no later migration re-creates it ({{migrations}}). Remove or re-point the entity in the same change, or keep the {{objectKind}}.",
      mappedTableRenamed:
        "This migration renames {{objectKind}} '{{table}}' to '{{newName}}', but entity '{{entity}}' ({{entitySite}}) still maps '{{table}}'{{others}} ({{migrations}}). Point the entity at '{{newName}}' in the same change.",
      // eslint-disable-next-line eslint-plugin/no-unused-message-ids -- reported by projectFileOrReport
      invalidSettings: 'orm-guard cannot check this migration because its settings are invalid: {{message}}',
    },
    schema: [
      {
        type: 'object',
        additionalProperties: false,
        properties: {
          ignoreTables: {
            type: 'array',
            items: { type: 'string' },
            description: "Tables whose drop is never reported ('schema.table' or 'table'), e.g. while an entity is being retired in a later commit.",
          },
        },
      },
    ],
    defaultOptions: [{ ignoreTables: [] }],
  },
  create(context, [{ ignoreTables }]) {
    const ignored = new Set(ignoreTables.map((name) => name.toLowerCase()));
    return {
      Program() {
        const file = projectFileOrReport(context);
        if (file === undefined) return;
        const migrations = analyseLintedMigration(file, context.sourceCode, context.physicalFilename);
        if (migrations.length === 0) return;
        for (const { events, snapshot } of migrations) {
          for (const event of events) {
            const objectKind = event.kind === 'drop-table' || event.kind === 'rename-table' ? 'table' : event.kind === 'drop-view' || event.kind === 'rename-view' ? 'view' : undefined;
            if (objectKind === undefined || event.temporary === true) continue;
            const table = formatTableRef(event.table);
            if (ignored.has(table.toLowerCase()) || ignored.has(event.table.name.toLowerCase())) continue;
            // Only a removal that stands at the end of the replay: a later re-create or rename back is fine.
            const absence = objectKind === 'table' ? snapshot.schema.explainAbsence(event.table) : snapshot.schema.explainViewAbsence(event.table);
            const present = objectKind === 'table' ? snapshot.schema.findTable(event.table) : snapshot.schema.findView(event.table);
            if (present !== undefined || absence.kind === 'never-created') continue;
            if (absence.at.file !== file.relativePath || absence.at.line !== event.line) continue;
            // The scope's entities only now: most migrations drop nothing an earlier one created.
            const [mapping, ...more] = entitiesMapping(file.index.entities(), event.table, objectKind);
            if (mapping === undefined) continue;
            const entitySite = `${mapping.file}:${mapping.loc.start.line}`;
            const others = more.length === 0 ? '' : ` (and ${more.length} more entit${more.length === 1 ? 'y' : 'ies'})`;
            const migrationsRead = describeMigrationsRead(snapshot);
            const loc = lineLoc(context.sourceCode, event.line);
            if (absence.kind === 'renamed') {
              context.report({
                loc,
                messageId: 'mappedTableRenamed',
                data: { objectKind, table, newName: formatTableRef(absence.to), entity: mapping.name, entitySite, others, migrations: migrationsRead },
              });
            } else {
              context.report({
                loc,
                messageId: 'mappedTableDropped',
                data: { objectKind, table, entity: mapping.name, entitySite, others, migrations: migrationsRead },
              });
            }
          }
        }
      },
    };
  },
});
