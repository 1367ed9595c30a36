/**
 * Tables of the embedded event store. Positions are rowids: writers are serialised, so they grow
 * in commit order. Type filters run on the position scan; no type index is kept, since none of
 * the reads needs one and it costs each append a write.
 */
export const EVENT_STORE_SCHEMA = `
CREATE TABLE IF NOT EXISTS events (
  position       INTEGER PRIMARY KEY,
  id             TEXT    NOT NULL UNIQUE,
  stream         TEXT    NOT NULL,
  revision       INTEGER NOT NULL,
  type           TEXT    NOT NULL,
  schema_version INTEGER NOT NULL,
  data           TEXT    NOT NULL,
  metadata       TEXT    NOT NULL,
  recorded_at    TEXT    NOT NULL,
  prev_hash      TEXT    NOT NULL,
  hash           TEXT    NOT NULL,
  UNIQUE (stream, revision)
);
DROP INDEX IF EXISTS events_by_type;
CREATE TABLE IF NOT EXISTS streams (
  stream      TEXT PRIMARY KEY,
  revision    INTEGER NOT NULL,
  hash        TEXT    NOT NULL,
  recorded_at TEXT    NOT NULL
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS checkpoints (
  name       TEXT PRIMARY KEY,
  position   INTEGER NOT NULL,
  updated_at TEXT    NOT NULL
) WITHOUT ROWID;
`;

export const EVENT_COLUMNS =
  'position, id, stream, revision, type, schema_version, data, metadata, recorded_at, prev_hash, hash';
