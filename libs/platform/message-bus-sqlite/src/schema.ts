/**
 * The embedded bus: Kafka's model on SQLite. Messages live in (topic, partition, offset);
 * a consumer group owns partitions through expiring leases and commits the next offset
 * (GROUP_SCHEMA, in a second file).
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
`;

/**
 * Consumer-group state lives in a file of its own: offset commits and heartbeats then never
 * wait for the message file's write lock, which publishers hold for every durable commit.
 */
export const GROUP_SCHEMA = `
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

/** `data/bus.db` → `data/bus.groups.db` (a name the message file's change watcher ignores). */
export function groupFileFor(file: string): string {
  return file.replace(/(\.db)?$/, '.groups.db');
}

export interface MessageRow {
  topic: string;
  partition: number;
  offset: number;
  key: string;
  value: string;
  headers: string;
}
