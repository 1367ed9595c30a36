// Appends fixed-size batches to one stream until killed (crash-safety contract test).
import { testEvents } from '@pledgebook/event-store/testing';
import { openEventStore } from '../open-event-store';

async function main(): Promise<void> {
  const [url, stream, size] = process.argv.slice(2);
  const store = await openEventStore(url!);
  process.stdout.write('ready\n');
  for (;;) await store.append(stream!, testEvents(Number(size)));
}

void main();
