import { createRule } from '../src/createRule.js';
import type { EntityDeclaration } from '../src/entities/entityDeclaration.js';
import { projectFileOrReport } from '../src/project/lintedFile.js';
import type { MigrationsSnapshot } from '../src/project/projectIndex.js';
import {
  describeBlindSpots,
  describeMigrationsRead,
  describeNearMiss,
  formatSite,
} from '../src/reporting/describeMigrations.js';
import { createTableRef, formatTableRef, tableRefsMatch, type TableRef } from '../src/schema/tableRef.js';
import { describeUnmatchedGlobs, migrationSetKeyPath } from '../src/settings/unmatchedGlobs.js';

type Options = [{ ignoreTables: string[]; reportUnresolved: boolean }];
type MessageIds =
  | 'tableNeverCreated'
  | 'tableDropped'
  | 'tableRenamed'
  | 'viewNeverCreated'
  | 'viewDropped'
  | 'viewRenamed'
  | 'unresolvedTableName'
  | 'migrationsGlobMatchesNothing'
  | 'invalidSettings';

export default createRule<Options, MessageIds>({
  name: 'entity-has-migration',
  meta: {
    type: 'problem',
    docs: {
      description: "Require every entity's table to be created by the migrations",
      recommended: true,
    },
    messages: {
      tableNeverCreated:
        "Entity '{{entity}}' {{relation}} '{{table}}', but no migration creates it ({{migrations}}).{{nearMiss}}{{blindSpots}} Generate a migration that creates '{{table}}', or add it to this rule's ignoreTables option if something other than migrations creates it.",
      tableDropped:
        "Entity '{{entity}}' {{relation}} '{{table}}', but {{site}} drops it and no later migration re-creates it ({{migrations}}).{{blindSpots}} Add a migration that re-creates '{{table}}', or remove the entity.",
      tableRenamed:
        "Entity '{{entity}}' {{relation}} '{{table}}', but {{site}} renames it to '{{newName}}' ({{migrations}}).{{blindSpots}} Point the entity at '{{newName}}', or add a migration that creates '{{table}}'.",
      viewNeverCreated:
        "View entity '{{entity}}' maps to view '{{table}}', but no migration creates it with CREATE VIEW ({{migrations}}).{{blindSpots}} Generate a migration that creates the view, or add it to this rule's ignoreTables option if something other than migrations creates it.",
      viewDropped:
        "View entity '{{entity}}' maps to view '{{table}}', but {{site}} drops it and no later migration re-creates it ({{migrations}}).{{blindSpots}} Add a migration that re-creates the view, or remove the entity.",
      viewRenamed:
        "View entity '{{entity}}' maps to view '{{table}}', but {{site}} renames it to '{{newName}}' ({{migrations}}).{{blindSpots}} Point the entity at '{{newName}}', or add a migration that creates '{{table}}'.",
      unresolvedTableName:
        "Cannot tell statically which table entity '{{entity}}' maps to ({{reason}}), so it was not checked against the migrations.",
      migrationsGlobMatchesNothing:
        "{{warning}}, so entity '{{entity}}' {{consequence}}. Fix the glob (it is relative to the scope's root), remove it, or set migrations to [] if there are none.",
      // eslint-disable-next-line eslint-plugin/no-unused-message-ids -- reported by projectFileOrReport
      invalidSettings: 'orm-guard cannot check this entity because its settings are invalid: {{message}}',
    },
    schema: [
      {
        type: 'object',
        additionalProperties: false,
        properties: {
          ignoreTables: {
            type: 'array',
            items: { type: 'string' },
            description: "Tables not created by migrations (e.g. created at runtime by a library); 'schema.table' or 'table'.",
          },
          reportUnresolved: {
            type: 'boolean',
            description: 'Report entities whose table name cannot be determined statically, instead of skipping them.',
          },
        },
      },
    ],
    defaultOptions: [{ ignoreTables: [], reportUnresolved: false }],
  },
  create(context, [{ ignoreTables, reportUnresolved }]) {
    const ignored = ignoreTables.map((entry) => {
      const dot = entry.lastIndexOf('.');
      return dot === -1 ? createTableRef(entry, { quoted: false }) : createTableRef(entry.slice(dot + 1), { schema: entry.slice(0, dot), quoted: false });
    });

    return {
      Program() {
        const file = projectFileOrReport(context);
        if (file === undefined) return;
        // Child entities have no table of their own; views are matched against CREATE VIEW.
        const tableEntities = file.entities.filter((entity) => entity.kind !== 'child');
        if (tableEntities.length === 0) return;
        if (reportUnresolved) {
          for (const entity of tableEntities) {
            if (!entity.tableName.resolved) {
              context.report({ loc: entity.loc, messageId: 'unresolvedTableName', data: { entity: entity.name, reason: entity.tableName.reason } });
            }
          }
        }
        // Each migration set (one per database dialect, or the single unnamed one) must create every table.
        const configured = file.index.config.migrationSets !== undefined;
        for (const set of file.scope.migrationSets) {
          // A configured glob that matches nothing is a settings mistake: one warning per entity
          // instead of a "no migration creates it" for every table of the project.
          const unmatched = configured ? file.index.unmatchedGlobs(set.globs) : [];
          if (unmatched.length > 0) {
            const warning = describeUnmatchedGlobs(migrationSetKeyPath(file.index.config, set), unmatched, file.scope.rootDir);
            const consequence =
              unmatched.length === set.globs.length ? 'was not checked against these migrations' : 'was checked only against the files its other globs match';
            for (const entity of tableEntities) {
              context.report({ loc: entity.tableNameLoc, messageId: 'migrationsGlobMatchesNothing', data: { warning, entity: entity.name, consequence } });
            }
            if (unmatched.length === set.globs.length) continue;
          }
          const snapshot = file.index.migrations(set);
          const migrations = describeMigrationsRead(snapshot);
          const blindSpots = describeBlindSpots(snapshot);
          for (const entity of tableEntities) checkEntity(entity, snapshot, migrations, blindSpots);
        }
      },
    };

    function checkEntity(entity: EntityDeclaration, snapshot: MigrationsSnapshot, migrations: string, blindSpots: string): void {
      if (!entity.tableName.resolved) return;
      if (entity.kind === 'view') {
        checkView(entity, entity.tableName.table, snapshot, migrations, blindSpots);
        return;
      }
      const required = [
        { table: entity.tableName.table, relation: 'maps to table' },
        ...(entity.extraTables ?? []).map((extra) => ({ table: extra.table, relation: `needs its ${extra.role}` })),
      ];
      for (const { table, relation } of required) {
        if (ignored.some((ref) => tableRefsMatch(ref, table))) continue;
        if (snapshot.schema.findTable(table) !== undefined) continue;
        const absence = snapshot.schema.explainAbsence(table);
        const entityName = entity.name;
        const tableName = formatTableRef(table);
        if (absence.kind === 'dropped') {
          context.report({
            loc: entity.tableNameLoc,
            messageId: 'tableDropped',
            data: { entity: entityName, relation, table: tableName, site: formatSite(absence.at), migrations, blindSpots },
          });
        } else if (absence.kind === 'renamed') {
          context.report({
            loc: entity.tableNameLoc,
            messageId: 'tableRenamed',
            data: { entity: entityName, relation, table: tableName, site: formatSite(absence.at), newName: formatTableRef(absence.to), migrations, blindSpots },
          });
        } else {
          context.report({
            loc: entity.tableNameLoc,
            messageId: 'tableNeverCreated',
            data: { entity: entityName, relation, table: tableName, migrations, nearMiss: describeNearMiss(snapshot, table), blindSpots },
          });
        }
      }
    }

    function checkView(entity: EntityDeclaration, view: TableRef, snapshot: MigrationsSnapshot, migrations: string, blindSpots: string): void {
      if (ignored.some((ref) => tableRefsMatch(ref, view))) return;
      if (snapshot.schema.findView(view) !== undefined) return;
      const absence = snapshot.schema.explainViewAbsence(view);
      const entityName = entity.name;
      const viewName = formatTableRef(view);
      if (absence.kind === 'dropped') {
        context.report({
          loc: entity.tableNameLoc,
          messageId: 'viewDropped',
          data: { entity: entityName, table: viewName, site: formatSite(absence.at), migrations, blindSpots },
        });
      } else if (absence.kind === 'renamed') {
        context.report({
          loc: entity.tableNameLoc,
          messageId: 'viewRenamed',
          data: { entity: entityName, table: viewName, site: formatSite(absence.at), newName: formatTableRef(absence.to), migrations, blindSpots },
        });
      } else {
        context.report({ loc: entity.tableNameLoc, messageId: 'viewNeverCreated', data: { entity: entityName, table: viewName, migrations, blindSpots } });
      }
    }
  },
});
