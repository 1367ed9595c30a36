// Appends one event at a time with an exact expected revision, retrying on conflict.
import { WrongExpectedRevision } from '@pledgebook/event-store';
import { testEvents } from '@pledgebook/event-store/testing';
import { openEventStore } from '../open-event-store';

async function main(): Promise<void> {
  const [url, stream, count] = process.argv.slice(2);
  const store = await openEventStore(url!);
  for (let written = 0; written < Number(count); ) {
    const revision = await store.streamRevision(stream!);
    try {
      await store.append(stream!, testEvents(1), { expectedRevision: revision ?? 'no_stream' });
      written += 1;
    } catch (error) {
      if (!(error instanceof WrongExpectedRevision)) throw error;
    }
  }
  await store.close();
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
