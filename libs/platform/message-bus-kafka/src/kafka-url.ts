import { ConfigurationError } from '@pledgebook/util';

/** `kafka://host1:9092,host2:9092` → broker list. */
export function brokersFromUrl(url: string): string[] {
  const match = /^kafka:\/\/([^/?#]+)/.exec(url);
  if (!match?.[1]) throw new ConfigurationError(`BUS_URL must look like kafka://host:9092[,host:9092] (got "${url}")`, { variable: 'BUS_URL' });
  return match[1].split(',').map((b) => b.trim()).filter(Boolean);
}
