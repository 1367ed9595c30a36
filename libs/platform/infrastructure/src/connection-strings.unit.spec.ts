import { esdbConnectionString } from './open-event-store';
import { kafkaSecurity } from './open-message-bus';
import { mongoConnectionString } from './open-read-model-store';

describe('EventStoreDB connection string from settings', () => {
  it('adds the user (encoded) and the TLS files as parameters', () => {
    expect(esdbConnectionString('esdb://es-0:2113,es-1:2113?tls=true', { username: 'pledge book', password: 'p@ss/1', tlsCaFile: '/etc/pledgebook/esdb/ca.crt' })).toBe(
      'esdb://pledge%20book:p%40ss%2F1@es-0:2113,es-1:2113?tls=true&tlsCAFile=%2Fetc%2Fpledgebook%2Fesdb%2Fca.crt',
    );
    expect(esdbConnectionString('kurrentdb+discover://es:2113', { userCertFile: '/c/user.crt', userKeyFile: '/c/user.key' })).toBe('esdb+discover://es:2113?userCertFile=%2Fc%2Fuser.crt&userKeyFile=%2Fc%2Fuser.key');
  });

  it('leaves a URL alone without settings', () => {
    expect(esdbConnectionString('esdb://eventstore:2113?tls=false')).toBe('esdb://eventstore:2113?tls=false');
  });
});

describe('MongoDB connection string from settings', () => {
  it('adds the user, auth source and TLS files', () => {
    expect(mongoConnectionString('mongodb://m-0:27017,m-1:27017/?replicaSet=rs0', { username: 'review', password: 'a:b', authSource: 'admin', tlsCaFile: '/ca.pem' })).toBe(
      'mongodb://review:a%3Ab@m-0:27017,m-1:27017/?replicaSet=rs0&authSource=admin&tls=true&tlsCAFile=%2Fca.pem',
    );
    expect(mongoConnectionString('mongodb+srv://cluster.example.gov', { tlsCertificateKeyFile: '/client.pem' })).toBe('mongodb+srv://cluster.example.gov/?tls=true&tlsCertificateKeyFile=%2Fclient.pem');
    expect(mongoConnectionString('mongodb://m:27017/views')).toBe('mongodb://m:27017/views');
  });
});

describe('kafkajs security options from settings', () => {
  const read = (file: string) => `PEM of ${file}`;
  it('reads the CA, certificate and key files and passes SCRAM credentials', () => {
    expect(kafkaSecurity({ tls: { caFile: '/ca', certFile: '/cert', keyFile: '/key' }, sasl: { mechanism: 'scram-sha-512', username: 'u', password: 'p' } }, read)).toEqual({
      ssl: { rejectUnauthorized: true, ca: ['PEM of /ca'], cert: 'PEM of /cert', key: 'PEM of /key' },
      sasl: { mechanism: 'scram-sha-512', username: 'u', password: 'p' },
    });
  });

  it('has neither without settings', () => {
    expect(kafkaSecurity({}, read)).toEqual({});
    expect(kafkaSecurity({ partitions: 8 }, read)).toEqual({});
  });
});
