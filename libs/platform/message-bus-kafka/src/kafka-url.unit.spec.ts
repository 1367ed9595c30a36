import { ConfigurationError } from '@pledgebook/util';
import { brokersFromUrl } from './kafka-url';

describe('kafka URL', () => {
  it('lists the brokers', () => {
    expect(brokersFromUrl('kafka://a:9092,b:9093')).toEqual(['a:9092', 'b:9093']);
    expect(brokersFromUrl('kafka://localhost:9092/')).toEqual(['localhost:9092']);
  });

  it('names the variable when the URL is wrong', () => {
    expect(() => brokersFromUrl('tcp://x')).toThrow(ConfigurationError);
    expect(() => brokersFromUrl('tcp://x')).toThrow(/BUS_URL/);
  });
});
