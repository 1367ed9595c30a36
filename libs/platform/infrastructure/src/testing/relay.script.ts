// A relay in its own process (kill tests): tails streams with a prefix and publishes them to a topic.
// With a fifth argument N it kills itself right after its Nth publish, before the checkpoint is
// stored: the one moment that makes a restarted relay publish duplicates.
import { cloudEventFrom, Relay, type MessageBus } from '@pledgebook/message-bus';
import { TEST_EVENT_TYPE, testContracts } from '@pledgebook/message-bus/testing';
import { openEventStore } from '../open-event-store';
import { openMessageBus } from '../open-message-bus';

async function main(): Promise<void> {
  const [eventStoreUrl, busUrl, prefix, topic, crashAfter] = process.argv.slice(2) as [string, string, string, string, string?];
  const store = await openEventStore(eventStoreUrl);
  const realBus = await openMessageBus(busUrl);
  let publishes = 0;
  const bus: MessageBus = {
    ...realBus,
    browse: (t, o) => realBus.browse(t, o),
    consume: (o, h) => realBus.consume(o, h),
    close: () => realBus.close(),
    publish: async (t, messages) => {
      await realBus.publish(t, messages);
      publishes += 1;
      if (crashAfter && publishes >= Number(crashAfter)) process.kill(process.pid, 'SIGKILL');
    },
  };
  const relay = new Relay(store, bus, {
    name: `test-${prefix}`,
    filter: { streamPrefixes: [prefix] },
    contracts: testContracts(),
    batchSize: 25,
    map: (event) => [
      {
        topic,
        key: event.stream,
        value: cloudEventFrom(event, { service: 'test-service', type: TEST_EVENT_TYPE, subject: `things/${event.stream}`, data: { n: event.revision } }),
      },
    ],
    onError: (error) => console.error(error),
  });
  relay.start();
  process.stdout.write('relaying\n');
}

void main();
