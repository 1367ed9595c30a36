// The relay and consumer kill tests on the distributed profile: EventStoreDB as the outbox,
// Kafka as the bus, the consumer's inbox in MongoDB (each test in a database of its own).
import { newId } from '@pledgebook/util';
import { openReadModelStore } from './open-read-model-store';
import { consumerKillSuite, describeWithServers, relayKillSuite } from './testing';

describeWithServers(['TEST_ESDB_URL', 'TEST_KAFKA_URL', 'TEST_MONGODB_URL'], 'EventStoreDB + Kafka + MongoDB', (urls) => {
  relayKillSuite('esdb + kafka + mongodb', {
    eventStoreUrl: urls.TEST_ESDB_URL,
    busUrl: urls.TEST_KAFKA_URL,
    openViews: () => openReadModelStore(urls.TEST_MONGODB_URL, { database: `pledgebook_relay_${newId().replace(/-/g, '').slice(-12)}` }),
  });
  consumerKillSuite('kafka', urls.TEST_KAFKA_URL);
});
