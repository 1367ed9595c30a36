import { ConfigurationError } from '@pledgebook/util';
import { parseServiceConfig } from './service-config';

const distributed = {
  EVENTSTORE_URL: 'esdb://eventstore-0.eventstore:2113,eventstore-1.eventstore:2113?tls=true',
  BUS_URL: 'kafka://kafka-0.kafka:9093,kafka-1.kafka:9093',
  READMODEL_URL: 'mongodb://mongodb-0.mongodb:27017/?replicaSet=rs0',
};
// A file that exists wherever the tests run: the TLS settings only check that their file is there.
const existing = __filename;

describe('engine credentials and TLS from settings', () => {
  it('has none on the embedded profile', () => {
    expect(parseServiceConfig('pledge-service', {}).engines).toBeUndefined();
  });

  it('reads the EventStoreDB user, password and CA file', () => {
    const config = parseServiceConfig('pledge-service', { ...distributed, EVENTSTORE_USERNAME: 'pledgebook', EVENTSTORE_PASSWORD: 's3cret', EVENTSTORE_TLS_CA_FILE: existing });
    expect(config.engines?.eventStore).toEqual({ username: 'pledgebook', password: 's3cret', tlsCaFile: existing });
  });

  it('reads Kafka TLS, SCRAM credentials, partitions and replication factor', () => {
    const config = parseServiceConfig('pledge-service', {
      ...distributed,
      KAFKA_TLS_CA_FILE: existing,
      KAFKA_TLS_CERT_FILE: existing,
      KAFKA_TLS_KEY_FILE: existing,
      KAFKA_SASL_MECHANISM: 'scram-sha-512',
      KAFKA_SASL_USERNAME: 'pledge-service',
      KAFKA_SASL_PASSWORD: 'pw',
      KAFKA_PARTITIONS: '12',
      KAFKA_REPLICATION_FACTOR: '3',
    });
    expect(config.engines?.bus).toEqual({
      tls: { caFile: existing, certFile: existing, keyFile: existing },
      sasl: { mechanism: 'scram-sha-512', username: 'pledge-service', password: 'pw' },
      partitions: 12,
      replicationFactor: 3,
    });
  });

  it('turns Kafka TLS on without files (public CAs) with KAFKA_TLS=true', () => {
    expect(parseServiceConfig('pledge-service', { ...distributed, KAFKA_TLS: 'true' }).engines?.bus).toEqual({ tls: {} });
  });

  it('reads the MongoDB user, password, auth source and TLS files', () => {
    const config = parseServiceConfig('review-service', { ...distributed, MONGODB_USERNAME: 'review', MONGODB_PASSWORD: 'pw', MONGODB_AUTH_SOURCE: 'admin', MONGODB_TLS_CA_FILE: existing });
    expect(config.engines?.readModel).toEqual({ username: 'review', password: 'pw', authSource: 'admin', tlsCaFile: existing });
  });

  it.each([
    ['EVENTSTORE_PASSWORD', { EVENTSTORE_USERNAME: 'pledgebook' }, /must be set together with EVENTSTORE_USERNAME/],
    ['EVENTSTORE_TLS_CA_FILE', { EVENTSTORE_TLS_CA_FILE: '/etc/pledgebook/esdb/ca.crt' }, /no file at \/etc\/pledgebook\/esdb\/ca\.crt/],
    ['EVENTSTORE_TLS_CA_FILE', { EVENTSTORE_URL: 'esdb://eventstore:2113?tls=false', EVENTSTORE_TLS_CA_FILE: existing }, /turns TLS off/],
    ['EVENTSTORE_USERNAME', { EVENTSTORE_URL: 'esdb://admin:changeit@eventstore:2113', EVENTSTORE_USERNAME: 'a', EVENTSTORE_PASSWORD: 'b' }, /already carries a user/],
    ['EVENTSTORE_USERNAME', { EVENTSTORE_URL: 'sqlite:data/eventstore.db', EVENTSTORE_USERNAME: 'a', EVENTSTORE_PASSWORD: 'b' }, /EventStoreDB only/],
    ['KAFKA_SASL_MECHANISM', { KAFKA_SASL_USERNAME: 'u', KAFKA_SASL_PASSWORD: 'p' }, /must name the mechanism/],
    ['KAFKA_SASL_MECHANISM', { KAFKA_SASL_MECHANISM: 'gssapi' }, /./],
    ['KAFKA_SASL_MECHANISM', { KAFKA_SASL_MECHANISM: 'plain', KAFKA_SASL_USERNAME: 'u', KAFKA_SASL_PASSWORD: 'p' }, /in the clear/],
    ['KAFKA_SASL_PASSWORD', { KAFKA_SASL_MECHANISM: 'scram-sha-512', KAFKA_SASL_USERNAME: 'u' }, /must be set together/],
    ['KAFKA_TLS_KEY_FILE', { KAFKA_TLS_CERT_FILE: existing }, /must be set together with KAFKA_TLS_CERT_FILE/],
    ['KAFKA_TLS', { KAFKA_TLS: 'false', KAFKA_TLS_CA_FILE: existing }, /TLS files are set/],
    ['KAFKA_REPLICATION_FACTOR', { KAFKA_REPLICATION_FACTOR: 'three' }, /./],
    ['KAFKA_PARTITIONS', { KAFKA_PARTITIONS: '0' }, /./],
    ['KAFKA_PARTITIONS', { BUS_URL: 'sqlite:data/bus.db', KAFKA_PARTITIONS: '8' }, /Kafka only/],
    ['MONGODB_PASSWORD', { MONGODB_USERNAME: 'u' }, /must be set together/],
    ['MONGODB_USERNAME', { READMODEL_URL: 'mongodb://a:b@mongodb:27017/', MONGODB_USERNAME: 'u', MONGODB_PASSWORD: 'p' }, /already carries a user/],
    ['MONGODB_TLS_CERT_KEY_FILE', { MONGODB_TLS_CERT_KEY_FILE: '/nowhere/client.pem' }, /no file at/],
  ])('stops with an error naming %s (%j)', (variable, settings, message) => {
    const parse = () => parseServiceConfig('pledge-service', { ...distributed, ...settings });
    expect(parse).toThrow(ConfigurationError);
    expect(parse).toThrow(new RegExp(`^${variable}: `));
    expect(parse).toThrow(message);
  });
});
