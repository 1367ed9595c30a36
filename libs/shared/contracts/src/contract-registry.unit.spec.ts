import { dataSchemaUri, type CloudEvent } from './cloud-event';
import { ContractRegistry, ContractViolation } from './contract-registry';
import type { EventContract } from './json-schema';
import { deadLetterTopic, Topics } from './topics';

const contract: EventContract = {
  type: 'pledgebook.pledge.pledge-submitted.v1',
  topic: Topics.pledge,
  summary: 'A member submitted a pledge book.',
  dataSchema: {
    type: 'object',
    required: ['pledgeId', 'year'],
    properties: { pledgeId: { type: 'string' }, year: { type: 'integer', minimum: 2000 } },
    additionalProperties: false,
  },
};

function event(overrides: Partial<CloudEvent> = {}): CloudEvent {
  return {
    specversion: '1.0',
    id: '018f0000-0000-7000-8000-000000000001',
    source: '/bureaus/bureau-1/pledge-service',
    type: contract.type,
    subject: 'pledges/p-1',
    time: '2026-03-01T08:00:00.000Z',
    datacontenttype: 'application/json',
    dataschema: dataSchemaUri(contract.type),
    data: { pledgeId: 'p-1', year: 2026 },
    bureauid: 'bureau-1',
    actorid: 'member-1',
    correlationid: 'c-1',
    causationid: 'c-0',
    streamid: 'pledge-p-1',
    streamrevision: 0,
    hash: 'a'.repeat(64),
    ...overrides,
  };
}

describe('contract registry', () => {
  const registry = new ContractRegistry([contract]);

  it('accepts an event whose envelope and data match', () => {
    expect(() => registry.validate(event())).not.toThrow();
  });

  it.each([
    ['a missing envelope attribute', { bureauid: undefined }, /envelope.*bureauid/],
    ['an upper-case extension attribute', { ['bureauId' as 'bureauid']: 'x' }, /envelope.*must match pattern/],
    ['a malformed hash', { hash: 'xyz' }, /envelope\/hash/],
    ['data of the wrong type', { data: { pledgeId: 'p-1', year: 'last' } }, /data\/year must be integer/],
    ['unknown data fields', { data: { pledgeId: 'p-1', year: 2026, extra: 1 } }, /additional properties/],
    ['an unknown type', { type: 'pledgebook.pledge.unknown.v1' }, /unknown event type/],
    ['a wrong dataschema', { dataschema: 'https://elsewhere.example/x.json' }, /dataschema must be/],
  ])('rejects %s with a ContractViolation naming it', (_name, overrides, message) => {
    const bad = JSON.parse(JSON.stringify(event(overrides as Partial<CloudEvent>)));
    expect(() => registry.validate(bad)).toThrow(ContractViolation);
    expect(() => registry.validate(bad)).toThrow(message);
  });

  it('refuses badly named or duplicate contracts', () => {
    expect(() => new ContractRegistry([{ ...contract, type: 'PledgeSubmitted' }])).toThrow(ContractViolation);
    expect(() => new ContractRegistry([contract, contract])).toThrow(/registered twice/);
  });

  it('names dead-letter topics after their topic', () => {
    expect(deadLetterTopic(Topics.appraisal)).toBe('pledgebook.appraisal.v1.dlq');
  });
});
