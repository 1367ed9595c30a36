import { deciderSpec } from '@pledgebook/util/testing';
import type { Actor } from '../shared/actor';
import { decideGrant, evolveGrant, grantIdFor, initialGrantState } from './decider';
import type { GrantCommand, GrantEvent } from './types';

const AT = '2027-01-20T02:00:00.000Z';
const leading: Actor = { memberId: 'zhou', bureauId: 'weihai', roles: ['member', 'leading-group'] };
const system: Actor = { memberId: 'system', bureauId: 'weihai', roles: ['system'] };
const recipient = { type: 'member' as const, id: 'li' };
const basis = { type: 'result' as const, id: '2026-H2/li' };
const grantId = grantIdFor('weihai', recipient, 'fulfilment', basis);
const known = { recipientKnown: true, basis: { found: true, concernsRecipient: true } };
const grant = (extra: Partial<Extract<GrantCommand, { type: 'GrantReward' }>> = {}): GrantCommand => ({
  type: 'GrantReward',
  grantId,
  bureauId: 'weihai',
  year: 2026,
  recipient,
  ground: 'fulfilment',
  basis,
  title: '承諾踐諾表揚',
  spiritual: ['commendation'],
  material: { kind: 'money', amountFen: 50_000 },
  actor: leading,
  at: AT,
  facts: known,
  ...extra,
});
const granted: GrantEvent = {
  type: 'RewardGranted',
  data: { grantId, bureauId: 'weihai', year: 2026, recipient, ground: 'fulfilment', basis, title: '承諾踐諾表揚', spiritual: ['commendation'], material: { kind: 'money', amountFen: 50_000 }, grantedBy: 'zhou', grantedAt: AT },
};
const revoked: GrantEvent = { type: 'GrantRevoked', data: { grantId, bureauId: 'weihai', year: 2026, reason: '考核結果更正', revokedBy: 'zhou', revokedAt: AT } };
const given = deciderSpec(decideGrant, evolveGrant, () => initialGrantState(grantId));

describe('grant decider', () => {
  it('grants a spiritual and material reward on a ground and its basis', () => given([]).when(grant()).then([granted]));
  it('grants goods, or a spiritual reward alone', () => {
    given([]).when(grant({ material: { kind: 'goods', goods: '書籍一套', valueFen: 20_000 } })).then([{ ...granted, data: { ...granted.data, material: { kind: 'goods', goods: '書籍一套', valueFen: 20_000 } } } as GrantEvent]);
    const { material: _m, ...spiritualOnly } = granted.data;
    given([]).when(grant({ material: undefined })).then([{ type: 'RewardGranted', data: spiritualOnly }]);
  });
  it('derives one id from bureau, recipient, ground and basis', () => {
    expect(grantIdFor('weihai', recipient, 'fulfilment', basis)).toBe(grantId);
    expect(grantIdFor('qingdao', recipient, 'fulfilment', basis)).not.toBe(grantId);
    expect(grantIdFor('weihai', { type: 'unit', id: 'li' }, 'fulfilment', basis)).not.toBe(grantId);
  });
  it('refuses the same recipient, ground and basis twice (409), even once revoked', () => {
    given([granted]).when(grant()).thenFails('grant_exists', 'conflict');
    given([granted, revoked]).when(grant()).thenFails('grant_exists', 'conflict');
  });
  it('is granted by the leading group, or by the service on its decisions', () => {
    given([]).when(grant({ actor: { ...leading, roles: ['member', 'branch-secretary'] } })).thenFails('not_leading_group', 'forbidden');
    given([]).when(grant({ actor: system })).then([{ ...granted, data: { ...granted.data, grantedBy: 'system' } } as GrantEvent]);
  });
  it('names the basis its ground needs', () => void given([]).when(grant({ basis: { type: 'selection', id: 's1' } })).thenFails('basis_mismatch', 'invalid', 'basis/type'));
  it('grants to recipients in the directory', () => void given([]).when(grant({ facts: { ...known, recipientKnown: false } })).thenFails('unknown_recipient', 'invalid', 'recipient/id'));
  it('grounds on a basis that exists', () => void given([]).when(grant({ facts: { ...known, basis: { found: false, concernsRecipient: false } } })).thenFails('unknown_basis', 'invalid', 'basis/id'));
  it('grounds on a basis that concerns the recipient', () => void given([]).when(grant({ facts: { ...known, basis: { found: true, concernsRecipient: false } } })).thenFails('basis_not_recipients', 'invalid', 'basis/id'));
  it('gives something', () => void given([]).when(grant({ spiritual: [], material: undefined })).thenFails('empty_reward', 'invalid', 'spiritual'));
  it('gives money above 0 fen', () => void given([]).when(grant({ material: { kind: 'money', amountFen: 1.5 } })).thenFails('invalid_amount', 'invalid', 'material/amountFen'));
  it('has a title', () => void given([]).when(grant({ title: '  ' })).thenFails('invalid_text', 'invalid', 'title'));

  describe('revocation', () => {
    it('revokes a grant with a reason', () => given([granted]).when({ type: 'RevokeGrant', reason: '考核結果更正', actor: leading, at: AT }).then([revoked]));
    it('needs a reason', () => void given([granted]).when({ type: 'RevokeGrant', reason: ' ', actor: leading, at: AT }).thenFails('invalid_text', 'invalid', 'reason'));
    it('revokes a granted reward once', () => {
      given([granted, revoked]).when({ type: 'RevokeGrant', reason: 'again', actor: leading, at: AT }).thenFails('wrong_state', 'conflict');
      given([]).when({ type: 'RevokeGrant', reason: 'x', actor: leading, at: AT }).thenFails('wrong_state', 'conflict');
    });
    it('is the leading group’s', () => void given([granted]).when({ type: 'RevokeGrant', reason: 'x', actor: system, at: AT }).thenFails('not_leading_group', 'forbidden'));
  });
});
