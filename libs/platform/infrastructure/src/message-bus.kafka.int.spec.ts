import { messageBusContract } from '@pledgebook/message-bus/testing';
import { describeWithServer, messageBusHarness } from './testing';

describeWithServer('TEST_KAFKA_URL', 'Kafka', (url) => {
  messageBusContract('kafka', messageBusHarness(url));
});
