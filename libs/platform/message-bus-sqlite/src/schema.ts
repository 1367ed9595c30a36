/**
 * The embedded bus: Kafka's model on SQLite. Messages live in (topic, partition, offset);
 * a consumer group owns partitions through expiring leases and commits the next offset.
 */
export const BUS_SCHEMA = `
CREATE TABLE IF NOT EXISTS topics (
  name       TEXT PRIMARY KEY,
  partitions INTEGER NOT NULL
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS messages (
  topic        TEXT    NOT NULL,
  partition    INTEGER NOT NULL,
  offset       INTEGER NOT NULL,
  key          TEXT    NOT NULL,
  value        TEXT    NOT NULL,
  headers      TEXT    NOT NULL,
  published_at TEXT    NOT NULL,
  PRIMARY KEY (topic, partition, offset)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS partition_heads (
  topic       TEXT    NOT NULL,
  partition   INTEGER NOT NULL,
  next_offset INTEGER NOT NULL,
  PRIMARY KEY (topic, partition)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS group_offsets (
  group_id    TEXT    NOT NULL,
  topic       TEXT    NOT NULL,
  partition   INTEGER NOT NULL,
  next_offset INTEGER NOT NULL,
  PRIMARY KEY (group_id, topic, partition)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS group_members (
  group_id   TEXT    NOT NULL,
  member_id  TEXT    NOT NULL,
  expires_at INTEGER NOT NULL,
  PRIMARY KEY (group_id, member_id)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS leases (
  group_id   TEXT    NOT NULL,
  topic      TEXT    NOT NULL,
  partition  INTEGER NOT NULL,
  member_id  TEXT    NOT NULL,
  expires_at INTEGER NOT NULL,
  PRIMARY KEY (group_id, topic, partition)
) WITHOUT ROWID;
`;

export interface MessageRow {
  topic: string;
  partition: number;
  offset: number;
  key: string;
  value: string;
  headers: string;
}
