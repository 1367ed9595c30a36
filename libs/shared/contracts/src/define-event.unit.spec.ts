import { z } from 'zod';
import { ContractRegistry } from './contract-registry';
import { dataSchemaUri, type CloudEvent } from './cloud-event';
import { defineEvent, isEventOf, parseEventData, type EventData } from './define-event';

const ItemRated = defineEvent({
  type: 'pledgebook.example.item-rated.v1',
  topic: 'pledgebook.example.v1',
  summary: 'An item was rated.',
  data: z.strictObject({ itemId: z.string().min(1), stars: z.number().int().min(1).max(5), on: z.iso.date(), note: z.string().optional() }),
});

const event = (data: unknown): CloudEvent =>
  ({
    specversion: '1.0',
    id: '01939999-0000-7000-8000-000000000001',
    source: '/bureaus/weihai/example-service',
    type: ItemRated.type,
    subject: 'items/1',
    time: '2026-11-29T03:00:00.000Z',
    datacontenttype: 'application/json',
    dataschema: dataSchemaUri(ItemRated.type),
    bureauid: 'weihai',
    actorid: 'wang',
    correlationid: 'c',
    causationid: 'c',
    streamid: 'example-1',
    streamrevision: 0,
    hash: 'a'.repeat(64),
    data,
  }) as unknown as CloudEvent;

describe('events defined once', () => {
  it('derives a JSON Schema that the contract registry enforces', () => {
    expect(ItemRated.dataSchema).toMatchObject({ type: 'object', required: ['itemId', 'stars', 'on'], additionalProperties: false });
    expect(ItemRated.dataSchema).not.toHaveProperty('$schema');
    const registry = new ContractRegistry([ItemRated]);
    expect(() => registry.validate(event({ itemId: 'i', stars: 5, on: '2026-11-01' }))).not.toThrow();
    expect(() => registry.validate(event({ itemId: 'i', stars: 6, on: '2026-11-01' }))).toThrow(/stars|maximum/);
    expect(() => registry.validate(event({ itemId: 'i', stars: 5, on: '2026-11-01', extra: true }))).toThrow(/additional/);
    expect(() => registry.validate(event({ itemId: 'i', stars: 5, on: '1 Nov' }))).toThrow(/format|pattern/);
  });

  it('types the data from the same definition', () => {
    const e = event({ itemId: 'i', stars: 4, on: '2026-11-01' });
    if (!isEventOf(e, ItemRated)) throw new Error('expected an ItemRated event');
    const stars: number = e.data.stars;
    expect(stars).toBe(4);
    const parsed: EventData<typeof ItemRated> = parseEventData(ItemRated, { itemId: 'x', stars: 1, on: '2026-01-01' });
    expect(parsed.itemId).toBe('x');
    expect(() => parseEventData(ItemRated, { itemId: 'x' })).toThrow();
  });
});
