// Test support: history rewritten by someone with write access to the embedded store's file.
import { eventHash, GENESIS_HASH, type RecordedEvent } from '@pledgebook/event-store';
import Database from 'better-sqlite3';

/** Changes one event's data and rewrites its stream's chain (and head) so the stream verifies again. */
export function rewriteStoredEvent(file: string, stream: string, revision: number, change: (data: Record<string, unknown>) => Record<string, unknown>): void {
  const db = new Database(file);
  try {
    db.pragma('busy_timeout = 5000');
    const rows = db.prepare('SELECT id, revision, type, schema_version, data, metadata, recorded_at FROM events WHERE stream = ? ORDER BY revision').all(stream) as Array<Record<string, string | number>>;
    let prevHash = GENESIS_HASH;
    db.transaction(() => {
      for (const row of rows) {
        const data = row.revision === revision ? change(JSON.parse(String(row.data))) : JSON.parse(String(row.data));
        const event = { id: String(row.id), stream, revision: Number(row.revision), type: String(row.type), schemaVersion: Number(row.schema_version), data, metadata: JSON.parse(String(row.metadata)), recordedAt: String(row.recorded_at) } as RecordedEvent;
        const hash = eventHash(prevHash, event);
        db.prepare('UPDATE events SET data = ?, prev_hash = ?, hash = ? WHERE stream = ? AND revision = ?').run(JSON.stringify(data), prevHash, hash, stream, row.revision);
        prevHash = hash;
      }
      db.prepare('UPDATE streams SET hash = ? WHERE stream = ?').run(prevHash, stream);
    }).immediate();
  } finally {
    db.close();
  }
}
