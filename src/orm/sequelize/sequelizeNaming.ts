import { pluralize, underscore } from 'inflection';

/** The naming flags of one model: its own options over the global `define` defaults. */
export interface SequelizeNamingFlags {
  readonly freezeTableName: boolean;
  readonly underscored: boolean;
}

/**
 * inflection 3 (our dependency) added a `^focus$` rule that inflection 1.13 (what Sequelize 6
 * depends on) lacks; the two rule tables are otherwise identical. Sequelize 6 leaves the word
 * unchanged, as its catch-all `s$ -> s` rule does.
 */
const SEQUELIZE6_UNCHANGED_PLURALS = /^focus$/iu;

/** `Utils.pluralize` of Sequelize 6: `inflection.pluralize`, as inflection 1.13 computes it. */
export function sequelizePluralize(word: string): string {
  return SEQUELIZE6_UNCHANGED_PLURALS.test(word) ? word : pluralize(word);
}

/**
 * The table Sequelize 6 derives for a model without `tableName` (`Model.init`):
 * `freezeTableName ? modelName : Utils.underscoredIf(Utils.pluralize(modelName), underscored)`.
 * The pluralisation comes first, then the whole plural is underscored (`UserProfile` ->
 * `user_profiles`). sequelize-typescript hands its `@Table` options to the same `Model.init`.
 */
export function sequelizeDefaultTableName(modelName: string, flags: SequelizeNamingFlags): string {
  if (flags.freezeTableName) return modelName;
  const plural = sequelizePluralize(modelName);
  return flags.underscored ? underscore(plural) : plural;
}
