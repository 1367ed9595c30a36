import { asyncApiDocument } from '@pledgebook/contracts';
import { encodeCursor } from '@pledgebook/gateway-subscriptions';
import Ajv2020 from 'ajv/dist/2020';
import { nextPageLink } from './feed-response';

// The Link header the feed answers with is what the AsyncAPI document's FeedPageHeaders describe.
const doc = JSON.parse(asyncApiDocument()) as { components: { schemas: Record<string, object> } };
const valid = new Ajv2020({ strict: false }).compile(doc.components.schemas.FeedPageHeaders!);

describe('the feed page’s Link header', () => {
  it('names the next page with the body’s cursor and the request’s limit and wait, as documented', () => {
    const cursor = encodeCursor('pledgebook.appraisal.v1', [12, 0, 7, 3]);
    const link = nextPageLink({ items: [], cursor }, { limit: 100, wait: 20 });
    expect(link).toBe(`<?cursor=${cursor}&limit=100&wait=20>; rel="next"`);
    expect([valid({ link }), valid.errors]).toEqual([true, null]);
    expect(nextPageLink({ items: [], cursor }, { limit: 5, wait: 0 })).toBe(`<?cursor=${cursor}&limit=5>; rel="next"`);
    // Resolved against the address asked at, it is that address with the next cursor.
    const asked = 'https://gateway.example/pledgebook/api/v1/subscriptions/s1/events?limit=100&wait=20';
    expect(new URL(/^<([^>]+)>/.exec(link)![1]!, asked).toString()).toBe(`https://gateway.example/pledgebook/api/v1/subscriptions/s1/events?cursor=${cursor}&limit=100&wait=20`);
    expect(valid({ link: `</elsewhere?cursor=${cursor}&limit=5>; rel="next"` })).toBe(false);
    expect(valid({ link: `<?cursor=${cursor}>` })).toBe(false);
    expect(valid({})).toBe(false);
  });
});
