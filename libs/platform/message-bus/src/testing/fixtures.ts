import { ContractRegistry, dataSchemaUri, type CloudEvent, type EventContract } from '@pledgebook/contracts';
import { newId } from '@pledgebook/util';

export const TEST_EVENT_TYPE = 'pledgebook.test.thing-happened.v1';

export const testContract: EventContract = {
  type: TEST_EVENT_TYPE,
  topic: 'pledgebook.test.v1',
  summary: 'A test event.',
  dataSchema: {
    type: 'object',
    required: ['n'],
    properties: { n: { type: 'integer' }, note: { type: 'string' } },
    additionalProperties: false,
  },
};

export function testContracts(): ContractRegistry {
  return new ContractRegistry([testContract]);
}

export function testCloudEvent(key: string, n: number, data: Record<string, unknown> = {}): CloudEvent {
  return {
    specversion: '1.0',
    id: newId(),
    source: '/bureaus/bureau-test/test-service',
    type: TEST_EVENT_TYPE,
    subject: `things/${key}`,
    time: new Date().toISOString(),
    datacontenttype: 'application/json',
    dataschema: dataSchemaUri(TEST_EVENT_TYPE),
    data: { n, ...data },
    bureauid: 'bureau-test',
    actorid: 'member-1',
    correlationid: 'corr-1',
    causationid: 'cause-1',
    streamid: `thing-${key}`,
    streamrevision: n,
    hash: '0'.repeat(64),
  };
}

export function uniqueTopic(prefix = 'pledgebook.test'): string {
  return `${prefix}.${newId()}`;
}

/** Resolves once `predicate` holds, checking after each call to `poke`. */
export function until(predicate: () => boolean): { poke(): void; reached: Promise<void> } {
  let resolve!: () => void;
  const reached = new Promise<void>((r) => (resolve = r));
  const poke = () => {
    if (predicate()) resolve();
  };
  return { poke, reached };
}
