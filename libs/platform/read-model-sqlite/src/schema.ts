export const READ_MODEL_SCHEMA = `
CREATE TABLE IF NOT EXISTS _generations (
  name       TEXT PRIMARY KEY,
  generation INTEGER NOT NULL
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS _indexes (
  name   TEXT NOT NULL,
  fields TEXT NOT NULL,
  uniq   INTEGER NOT NULL,
  PRIMARY KEY (name, fields)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS _inbox (
  consumer   TEXT NOT NULL,
  event_id   TEXT NOT NULL,
  handled_at TEXT NOT NULL,
  PRIMARY KEY (consumer, event_id)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS _kinds (
  tbl   TEXT NOT NULL,
  field TEXT NOT NULL,
  kinds INTEGER NOT NULL,
  PRIMARY KEY (tbl, field)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS _checkpoints (
  name     TEXT PRIMARY KEY,
  position INTEGER NOT NULL
) WITHOUT ROWID;
`;

const SAFE = /^[A-Za-z0-9_-]{1,100}$/;

export function assertCollectionName(name: string): void {
  if (!SAFE.test(name)) throw new TypeError(`invalid collection name "${name}"`);
}

/** Physical table of one generation of a collection. */
export function tableName(name: string, generation: number): string {
  assertCollectionName(name);
  return `"c_${name.replace(/-/g, '_')}__g${generation}"`;
}

const suffix = (fields: readonly string[]) => fields.join('_').replace(/[.-]/g, '_');

/** Expression index of one generation over `fields`. */
export function indexName(name: string, generation: number, fields: readonly string[]): string {
  return `"i_${name.replace(/-/g, '_')}__g${generation}__${suffix(fields)}"`;
}

/** Key table of an index with an array field: a row per element (ADR 0028). */
export function keyTableName(name: string, generation: number, fields: readonly string[]): string {
  return `"k_${name.replace(/-/g, '_')}__g${generation}__${suffix(fields)}"`;
}

/** JSON path for json_extract; paths are checked to be plain dotted names. */
export function jsonPath(field: string): string {
  if (!/^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*$/.test(field)) throw new TypeError(`invalid index field "${field}"`);
  return `'$.${field}'`;
}
