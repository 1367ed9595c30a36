import { canManage, checkScope, listFilter, ownerFor, type Caller } from './access';
import { BureauTree, scopeDecision } from './bureau-tree';
import { TopicCatalog } from './topic-catalog';

// shandong ─ weihai ─ rongcheng;  shandong ─ qingdao;  jiangsu (another province)
const tree = new BureauTree([
  { bureauId: 'shandong' },
  { bureauId: 'weihai', parentBureauId: 'shandong' },
  { bureauId: 'rongcheng', parentBureauId: 'weihai' },
  { bureauId: 'qingdao', parentBureauId: 'shandong' },
  { bureauId: 'jiangsu' },
]);
const caller = (bureauId: string, ...roles: string[]): Caller => ({ subject: `${bureauId}-user`, bureauId, roles });

describe('the bureau hierarchy', () => {
  it('knows what lies under a bureau, and says when a chain of parents is not known yet', () => {
    expect(tree.relation('rongcheng', 'shandong')).toBe('within');
    expect(tree.relation('weihai', 'weihai')).toBe('within');
    expect(tree.relation('qingdao', 'weihai')).toBe('outside');
    expect(tree.relation('jiangsu', 'shandong')).toBe('outside');
    expect(tree.relation('yantai', 'shandong')).toBe('unknown');
    expect(new BureauTree([{ bureauId: 'a', parentBureauId: 'b' }]).relation('a', 'root')).toBe('unknown');
    expect(new BureauTree([{ bureauId: 'a', parentBureauId: 'b' }, { bureauId: 'b', parentBureauId: 'a' }]).relation('a', 'root')).toBe('outside');
    expect(tree.subtree('weihai').sort()).toEqual(['rongcheng', 'weihai']);
  });

  it('puts an event in or out of a scope; an unknown bureau waits for a while, then is out', () => {
    const now = Date.parse('2026-11-29T10:00:00Z');
    const descendants = { bureauId: 'weihai', includeDescendants: true };
    expect(scopeDecision('rongcheng', descendants, tree, now, now, 30_000)).toBe('in');
    expect(scopeDecision('rongcheng', { bureauId: 'weihai', includeDescendants: false }, tree, now, now, 30_000)).toBe('out');
    expect(scopeDecision('qingdao', descendants, tree, now, now, 30_000)).toBe('out');
    expect(scopeDecision(undefined, descendants, tree, now, now, 30_000)).toBe('out');
    expect(scopeDecision('wendeng', descendants, tree, now - 1_000, now, 30_000)).toBe('wait');
    expect(scopeDecision('wendeng', descendants, tree, now - 31_000, now, 30_000)).toBe('out');
    expect(scopeDecision('weihai', { bureauId: 'weihai', includeDescendants: false }, new BureauTree(), now, now, 30_000)).toBe('in');
  });
});

describe('who may subscribe to what', () => {
  it('lets a subscriber own its subscriptions, and an admin create them for a subscriber account of its tree', () => {
    expect(ownerFor(caller('weihai', 'subscriber'), undefined, tree)).toEqual({ bureauId: 'weihai', subscriberId: 'weihai-user' });
    expect(() => ownerFor(caller('weihai', 'subscriber'), { bureauId: 'weihai', subscriberId: 'someone-else' }, tree)).toThrow(expect.objectContaining({ kind: 'forbidden' }));
    expect(ownerFor(caller('weihai', 'bureau-admin'), { bureauId: 'rongcheng', subscriberId: 'cadre' }, tree)).toEqual({ bureauId: 'rongcheng', subscriberId: 'cadre' });
    expect(() => ownerFor(caller('weihai', 'bureau-admin'), { bureauId: 'qingdao', subscriberId: 'cadre' }, tree)).toThrow(
      expect.objectContaining({ kind: 'forbidden', code: 'owner_outside_bureau', details: { field: 'owner/bureauId' } }),
    );
    expect(() => ownerFor(caller('weihai', 'bureau-admin'), undefined, tree)).toThrow(expect.objectContaining({ kind: 'invalid', code: 'owner_required' }));
    expect(ownerFor(caller('system', 'system-admin'), { bureauId: 'jiangsu', subscriberId: 'oversight' }, tree)).toEqual({ bureauId: 'jiangsu', subscriberId: 'oversight' });
    expect(() => ownerFor(caller('weihai', 'member'), undefined, tree)).toThrow(expect.objectContaining({ kind: 'forbidden' }));
  });

  it('keeps scopes inside the caller’s bureau and the bureaus under it (a system admin: any known bureau)', () => {
    const owner = (bureauId: string) => ({ bureauId, subscriberId: `${bureauId}-user` });
    expect(() => checkScope(caller('weihai', 'bureau-admin'), { bureauId: 'rongcheng', includeDescendants: false }, tree, owner('weihai'))).not.toThrow();
    expect(() => checkScope(caller('weihai', 'bureau-admin'), { bureauId: 'shandong', includeDescendants: true }, tree, owner('weihai'))).toThrow(
      expect.objectContaining({ kind: 'forbidden', code: 'scope_outside_bureau', details: { field: 'bureauScope/bureauId' } }),
    );
    expect(() => checkScope(caller('weihai', 'subscriber'), { bureauId: 'qingdao', includeDescendants: false }, tree, owner('weihai'))).toThrow(expect.objectContaining({ kind: 'forbidden' }));
    expect(() => checkScope(caller('weihai', 'subscriber'), { bureauId: 'yantai', includeDescendants: false }, tree, owner('weihai'))).toThrow(expect.objectContaining({ kind: 'forbidden' }));
    expect(() => checkScope(caller('system', 'system-admin'), { bureauId: 'jiangsu', includeDescendants: true }, tree, owner('jiangsu'))).not.toThrow();
    expect(() => checkScope(caller('system', 'system-admin'), { bureauId: 'yantai', includeDescendants: true }, tree, owner('shandong'))).toThrow(
      expect.objectContaining({ kind: 'invalid', code: 'unknown_bureau' }),
    );
  });

  it('keeps scopes inside the owner’s bureau and the bureaus under it, whoever creates the subscription', () => {
    const outside = expect.objectContaining({ kind: 'forbidden', code: 'scope_outside_owner_bureau', details: { field: 'bureauScope/bureauId' } });
    // A parent bureau's admin cannot give a subscriber of a bureau under it the parent's events.
    expect(() => checkScope(caller('weihai', 'bureau-admin'), { bureauId: 'weihai', includeDescendants: true }, tree, { bureauId: 'rongcheng', subscriberId: 'cadre' })).toThrow(outside);
    expect(() => checkScope(caller('weihai', 'bureau-admin'), { bureauId: 'rongcheng', includeDescendants: true }, tree, { bureauId: 'rongcheng', subscriberId: 'cadre' })).not.toThrow();
    // Nor can the system admin give a bureau's subscriber another province's.
    expect(() => checkScope(caller('system', 'system-admin'), { bureauId: 'jiangsu', includeDescendants: false }, tree, { bureauId: 'weihai', subscriberId: 'cadre' })).toThrow(outside);
    // A province's subscriber (an oversight platform) follows the bureaus under the province.
    expect(() => checkScope(caller('system', 'system-admin'), { bureauId: 'rongcheng', includeDescendants: false }, tree, { bureauId: 'shandong', subscriberId: 'oversight' })).not.toThrow();
  });

  it('shows a subscription to its owner, to admins over the owner’s bureau and to system admins only', () => {
    const doc = { owner: { bureauId: 'rongcheng', subscriberId: 'rongcheng-user' } };
    expect(canManage(caller('rongcheng', 'subscriber'), doc, tree)).toBe(true);
    expect(canManage({ ...caller('rongcheng', 'subscriber'), subject: 'other' }, doc, tree)).toBe(false);
    expect(canManage(caller('weihai', 'bureau-admin'), doc, tree)).toBe(true);
    expect(canManage(caller('qingdao', 'bureau-admin'), doc, tree)).toBe(false);
    expect(canManage(caller('system', 'system-admin'), doc, tree)).toBe(true);
    expect(canManage(caller('rongcheng', 'member'), doc, tree)).toBe(false);
    expect(listFilter(caller('rongcheng', 'member'), tree)).toBeUndefined();
  });
});

describe('the topic catalog', () => {
  const catalog = new TopicCatalog([
    { type: 'pledgebook.pledge.pledge-submitted.v1', topic: 'pledgebook.pledge.v1', summary: '', dataSchema: {} },
    { type: 'pledgebook.review.review-opened.v1', topic: 'pledgebook.review.v1', summary: '', dataSchema: {} },
  ]);

  it('refuses unknown topics and types not on the topic, naming them', () => {
    expect(() => catalog.check('pledgebook.pledge.v1', ['pledgebook.pledge.pledge-submitted.v1'])).not.toThrow();
    expect(() => catalog.check('pledgebook.pledge.v9', undefined)).toThrow(expect.objectContaining({ code: 'unknown_topic', kind: 'invalid' }));
    expect(() => catalog.check('pledgebook.pledge.v1', ['pledgebook.review.review-opened.v1'])).toThrow(expect.objectContaining({ code: 'unknown_types', details: expect.objectContaining({ unknown: ['pledgebook.review.review-opened.v1'] }) }));
  });
});
