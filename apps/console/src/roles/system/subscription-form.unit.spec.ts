import { DEFAULT_BATCH_EVENTS, toCreateBody, type SubscriptionFormValues } from './subscription-form';

const BASE: SubscriptionFormValues = {
  owner: { bureauId: 'linyi-stats', subscriberId: 'records-system' },
  topic: 'pledgebook.pledge.v1',
  bureauScope: { bureauId: 'linyi-stats', includeDescendants: true },
};

describe('the new subscription’s request body', () => {
  it('is a feed without a target URL, whatever the batch controls hold', () => {
    expect(toCreateBody({ ...BASE, types: [], target: { url: '  ', batched: true, batch: { maxEvents: 50 } } })).toEqual(BASE);
  });

  it('sends one event per request unless batched delivery is switched on', () => {
    expect(toCreateBody({ ...BASE, target: { url: ' https://hooks.example/in ', batched: false, batch: { maxEvents: 50 } } }).target).toEqual({ url: 'https://hooks.example/in' });
  });

  it('carries the batch size when batched delivery is on, as typed, so the gateway names a bad one', () => {
    expect(toCreateBody({ ...BASE, types: ['PledgeSubmitted'], target: { url: 'https://hooks.example/in', batched: true, batch: { maxEvents: 250 } } })).toEqual({
      ...BASE,
      types: ['PledgeSubmitted'],
      target: { url: 'https://hooks.example/in', batch: { maxEvents: 250 } },
    });
    expect(toCreateBody({ ...BASE, target: { url: 'https://hooks.example/in', batched: true, batch: { maxEvents: 1001 } } }).target?.batch).toEqual({ maxEvents: 1001 });
    expect(toCreateBody({ ...BASE, target: { url: 'https://hooks.example/in', batched: true, batch: { maxEvents: null } } }).target?.batch).toEqual({ maxEvents: DEFAULT_BATCH_EVENTS });
  });
});
