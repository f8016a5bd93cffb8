/** Why a script migration reader skipped a statement: the reasons every format shares. */

export const RUNTIME_SQL_REASON = 'SQL text is built at runtime';
export const RUNTIME_TABLE_REASON = 'table name is built at runtime';
export const RUNTIME_SCHEMA_REASON = 'schema name is built at runtime';
export const TOO_DEEP_SQL_REASON = 'SQL text is nested too deeply (constants or concatenations) to read statically';
