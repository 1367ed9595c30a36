// A consumer group member in its own process: prints `joined`, then the id of each message it handles.
import { openMessageBus } from '../open-message-bus';

async function main(): Promise<void> {
  const [url, topic, groupId] = process.argv.slice(2);
  const bus = await openMessageBus(url!);
  const consumer = await bus.consume({ groupId: groupId!, topics: [topic!] }, async (batch) => {
    process.stdout.write(batch.map((m) => `id ${m.value.id}\n`).join(''));
  });
  process.stdout.write('joined\n');
  process.once('SIGTERM', () => {
    void consumer.stop().then(() => bus.close()).then(() => process.exit(0));
  });
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
