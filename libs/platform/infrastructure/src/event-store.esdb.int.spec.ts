import { eventStoreContract } from '@pledgebook/event-store/testing';
import { describeWithServer, eventStoreHarness } from './testing';

describeWithServer('TEST_ESDB_URL', 'EventStoreDB', (url) => {
  eventStoreContract('esdb', eventStoreHarness(url));
});
