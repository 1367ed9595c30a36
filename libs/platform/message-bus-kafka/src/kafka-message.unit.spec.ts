import { testCloudEvent } from '@pledgebook/message-bus/testing';
import { logLevel } from 'kafkajs';
import { kafkaLogCreator, kafkaLogLevel } from './kafka-log';
import { fromKafkaMessage, toKafkaMessage } from './kafka-message';

describe('kafka records', () => {
  it('marks every record as a structured-mode CloudEvent (content-type header)', () => {
    const value = testCloudEvent('pledge-1', 0);
    const record = toKafkaMessage({ key: 'pledge-1', value, headers: { 'x-test': 'yes', 'content-type': 'text/plain' } });
    expect(record.headers).toEqual({ 'x-test': 'yes', 'content-type': 'application/cloudevents+json' });
    expect(JSON.parse(String(record.value))).toEqual(value);
    const back = fromKafkaMessage('t', 1, { key: Buffer.from('pledge-1'), value: Buffer.from(String(record.value)), headers: { 'content-type': Buffer.from('application/cloudevents+json') }, offset: '4', timestamp: '0', attributes: 0 } as never);
    expect(back).toMatchObject({ topic: 't', partition: 1, offset: 4, key: 'pledge-1', value, headers: { 'content-type': 'application/cloudevents+json' } });
  });
});

describe('kafkajs log bridge', () => {
  it("writes kafkajs's entries through the process logger at their level, with the error as err", () => {
    const lines: [string, object, string][] = [];
    const sink = {
      error: (fields: object, message: string) => lines.push(['error', fields, message]),
      warn: (fields: object, message: string) => lines.push(['warn', fields, message]),
      info: (fields: object, message: string) => lines.push(['info', fields, message]),
      debug: (fields: object, message: string) => lines.push(['debug', fields, message]),
    };
    const log = kafkaLogCreator(sink)(logLevel.INFO);
    const refused = new Error('connect ECONNREFUSED 127.0.0.1:1');
    log({ namespace: 'BrokerPool', level: logLevel.ERROR, label: 'ERROR', log: { timestamp: 'x', logger: 'kafkajs', message: 'Failed to connect to seed broker', broker: '127.0.0.1:1', error: refused } as never });
    log({ namespace: 'Consumer', level: logLevel.INFO, label: 'INFO', log: { timestamp: 'x', logger: 'kafkajs', message: 'Starting', groupId: 'g' } as never });
    expect(lines).toEqual([
      ['error', { component: 'kafkajs', namespace: 'BrokerPool', broker: '127.0.0.1:1', err: refused }, 'Failed to connect to seed broker'],
      ['info', { component: 'kafkajs', namespace: 'Consumer', groupId: 'g' }, 'Starting'],
    ]);
  });

  it('asks kafkajs for no more than the logger keeps', () => {
    expect(kafkaLogLevel('debug')).toBe(logLevel.DEBUG);
    expect(kafkaLogLevel('info')).toBe(logLevel.INFO);
    expect(kafkaLogLevel('warn')).toBe(logLevel.WARN);
    expect(kafkaLogLevel('fatal')).toBe(logLevel.ERROR);
    expect(kafkaLogLevel(undefined)).toBe(logLevel.WARN);
  });
});
