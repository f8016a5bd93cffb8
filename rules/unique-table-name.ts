import { createRule } from '../src/createRule.js';
import type { EntityDeclaration } from '../src/entities/entityDeclaration.js';
import { entitiesWithTableLike } from '../src/project/entityTables.js';
import { projectFileOrReport } from '../src/project/lintedFile.js';
import { formatTableRef, tableRefsMatch, type TableRef } from '../src/schema/tableRef.js';

type Options = [{ allow: string[] }];
type MessageIds = 'duplicateTable' | 'invalidSettings';

interface Mapping {
  readonly entity: EntityDeclaration;
  readonly file: string;
  readonly table: TableRef;
}

function tableOf(entity: EntityDeclaration): TableRef | undefined {
  if (entity.kind === 'child' || !entity.tableName.resolved) return undefined;
  return entity.tableName.table;
}

export default createRule<Options, MessageIds>({
  name: 'unique-table-name',
  meta: {
    type: 'problem',
    docs: {
      description: 'Disallow two entity declarations that map to the same table',
      recommended: true,
    },
    messages: {
      duplicateTable:
        "Entity '{{entity}}' maps to table '{{table}}', which entity '{{other}}' ({{otherSite}}) also maps. Two models of one table drift apart silently: keep one, or list '{{table}}' in this rule's allow option if sharing it is intended.",
      // eslint-disable-next-line eslint-plugin/no-unused-message-ids -- reported by projectFileOrReport
      invalidSettings: 'orm-guard cannot check this entity because its settings are invalid: {{message}}',
    },
    schema: [
      {
        type: 'object',
        additionalProperties: false,
        properties: {
          allow: {
            type: 'array',
            items: { type: 'string' },
            description: "Tables that several entities may map on purpose ('schema.table' or 'table').",
          },
        },
      },
    ],
    defaultOptions: [{ allow: [] }],
  },
  create(context, [{ allow }]) {
    const allowed = new Set(allow.map((name) => name.toLowerCase()));
    return {
      Program() {
        const file = projectFileOrReport(context);
        if (file === undefined) return;
        const own: Mapping[] = file.entities.flatMap((entity) => {
          const table = tableOf(entity);
          return table === undefined ? [] : [{ entity, file: file.relativePath, table }];
        });
        if (own.length === 0) return;
        const indexed = file.index.entities();
        for (const mapping of own) {
          const name = formatTableRef(mapping.table);
          if (allowed.has(name.toLowerCase()) || allowed.has(mapping.table.name.toLowerCase())) continue;
          // The linted file's own entities come from ESLint's text; the index's copy of it is left out.
          const others: Mapping[] = entitiesWithTableLike(indexed, mapping.table).flatMap((entity) => {
            const table = tableOf(entity);
            return table === undefined || entity.file === file.relativePath ? [] : [{ entity, file: entity.file, table }];
          });
          const candidates = [...own.filter((other) => other !== mapping), ...others];
          for (const other of candidates) {
            if (!tableRefsMatch(other.table, mapping.table)) continue;
            context.report({
              loc: mapping.entity.tableNameLoc,
              messageId: 'duplicateTable',
              data: { entity: mapping.entity.name, table: name, other: other.entity.name, otherSite: `${other.file}:${other.entity.loc.start.line}` },
            });
          }
        }
      },
    };
  },
});
