import { SqliteEventStore } from '@pledgebook/event-store-sqlite';
import { interleaved } from './lib/measure';
import { pledgeEvent } from './lib/payload';
import { RawSqlite } from './lib/raw-sqlite';
(async () => {
  const watched = new SqliteEventStore('/tmp/probe/watched.db');
  const unwatched = new SqliteEventStore('/tmp/probe2/unwatched.db');
  (unwatched as unknown as { notifier: { closeWatcher(): void } }).notifier.closeWatcher();
  const raw = new RawSqlite('/tmp/probe3/raw.db');
  let n = 0;
  for (let r = 0; r < 3; r++) {
    const t = await interleaved(3, {
      watched: async () => { for (let i = 0; i < 300; i++) await watched.append(`s-${i % 50}`, [pledgeEvent(n++)]); },
      unwatched: async () => { for (let i = 0; i < 300; i++) await unwatched.append(`s-${i % 50}`, [pledgeEvent(n++)]); },
      raw: () => { for (let i = 0; i < 300; i++) raw.append(`s-${i % 50}`, [pledgeEvent(n++)]); },
    });
    console.log('watched', (t.raw! / t.watched!).toFixed(2), 'unwatched', (t.raw! / t.unwatched!).toFixed(2));
  }
})();
