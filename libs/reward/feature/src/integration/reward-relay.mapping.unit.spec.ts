import { ContractRegistry, EVENT_CATALOG } from '@pledgebook/contracts';
import type { RecordedEvent } from '@pledgebook/event-store';
import { grantIdFor } from '@pledgebook/reward-domain';
import { grantStream, researchWorkStream, selectionStream } from '../streams';
import { mapRewardServiceEvent } from './reward-relay.mapping';

const AT = '2026-12-20T02:00:00.000Z';
const recorded = (stream: string, type: string, data: unknown): RecordedEvent => ({
  id: '01950f3c-7a2e-7c41-9d8e-5b2f6a1c3d40',
  stream,
  revision: 3,
  position: 42,
  type,
  schemaVersion: 1,
  data,
  metadata: { bureauId: 'weihai', actorId: 'zhou', actorRole: 'leading-group', correlationId: 'c-1', causationId: 'c-1', reason: '考核結果更正' },
  recordedAt: AT,
  prevHash: 'a'.repeat(64),
  hash: 'b'.repeat(64),
});
const registry = new ContractRegistry(EVENT_CATALOG);
const grantId = grantIdFor('weihai', { type: 'member', id: 'li' }, 'selection', { type: 'selection', id: 's1' });
const granted = {
  grantId,
  bureauId: 'weihai',
  year: 2026,
  recipient: { type: 'member', id: 'li' },
  ground: 'selection',
  basis: { type: 'selection', id: 's1' },
  title: '優秀共產黨員',
  spiritual: ['honour-title'],
  material: { kind: 'goods', goods: '書籍一套', valueFen: 20_000 },
  reason: '群眾評價高',
  grantedBy: 'zhou',
  grantedAt: AT,
};

describe('reward relay mapping', () => {
  it('publishes a decided selection, grants, revocations and rated works as valid pledgebook.reward.v1 events', () => {
    const messages = [
      ...mapRewardServiceEvent(
        recorded(selectionStream('s1'), 'SelectionDecided', {
          selectionId: 's1',
          bureauId: 'weihai',
          year: 2026,
          honourId: 'outstanding-member',
          title: '優秀共產黨員',
          quota: 2,
          meeting: { date: '2026-12-19', attendees: ['zhou', 'liu'], minutes: '研究決定' },
          selected: ['li'],
          decidedBy: 'zhou',
          decidedAt: AT,
        }),
      ),
      ...mapRewardServiceEvent(recorded(grantStream('weihai', grantId), 'RewardGranted', granted)),
      ...mapRewardServiceEvent(recorded(grantStream('weihai', grantId), 'GrantRevoked', { grantId, bureauId: 'weihai', year: 2026, reason: '考核結果更正', revokedBy: 'zhou', revokedAt: AT })),
      ...mapRewardServiceEvent(
        recorded(researchWorkStream('w1'), 'ResearchWorkRated', {
          workId: 'w1',
          bureauId: 'weihai',
          year: 2026,
          title: '分析',
          categoryId: 'adopted-information',
          categoryName: '信息採用',
          levelId: 'city',
          levelName: '市級',
          amountFen: 50_000,
          shares: [{ memberId: 'he', shareFen: 25_000 }, { memberId: 'ma', shareFen: 25_000 }],
          bonusPoints: 1,
          schemeVersion: 1,
          ratedBy: 'li-hm',
          ratedAt: AT,
        }),
      ),
    ];
    expect(messages.map((m) => [m.topic, m.key, m.value.type])).toEqual([
      ['pledgebook.reward.v1', 's1', 'pledgebook.reward.selection-decided.v1'],
      ['pledgebook.reward.v1', grantId, 'pledgebook.reward.reward-granted.v1'],
      ['pledgebook.reward.v1', grantId, 'pledgebook.reward.reward-revoked.v1'],
      ['pledgebook.reward.v1', 'w1', 'pledgebook.reward.research-work-rated.v1'],
    ]);
    for (const m of messages) expect(() => registry.validate(m.value)).not.toThrow();
    expect(messages[1]!.value.data).toMatchObject({ material: { kind: 'goods', amountFen: 20_000 } });
    expect(messages[3]!.value.data).toMatchObject({ authors: [{ memberId: 'he', shareFen: 25_000 }, { memberId: 'ma', shareFen: 25_000 }], appraisalBonusPoints: 1 });
  });

  it('publishes no names, reasons, minutes, goods or evidence, and nothing of records that stay inside', () => {
    const text = JSON.stringify([
      mapRewardServiceEvent(recorded(grantStream('weihai', grantId), 'RewardGranted', granted)),
      mapRewardServiceEvent(recorded(grantStream('weihai', grantId), 'GrantRevoked', { grantId, bureauId: 'weihai', year: 2026, reason: '考核結果更正', revokedBy: 'zhou', revokedAt: AT })),
    ].map((list) => list.map((m) => m.value.data)));
    for (const secret of ['群眾評價高', '考核結果更正', '書籍一套', 'zhou']) expect(text).not.toContain(secret);
    expect(mapRewardServiceEvent(recorded(selectionStream('s1'), 'NominationMade', { selectionId: 's1', memberId: 'li', reason: 'x' }))).toEqual([]);
    expect(mapRewardServiceEvent(recorded('reward-policy-weihai.2026', 'RewardPolicySet', {}))).toEqual([]);
  });

  it('publishes an upheld objection to a selection as who left and who remains; raised and dismissed objections stay inside', () => {
    const raised = { selectionId: 's1', objectionId: 'o1', memberId: 'li', raisedAt: AT, restricted: { objectorId: 'sun', text: '缺席組織生活' } };
    const ruling = { selectionId: 's1', objectionId: 'o1', memberId: 'li', reason: '經核實屬實', by: 'liu', at: AT };
    expect(mapRewardServiceEvent(recorded(selectionStream('s1'), 'SelectionObjectionRaised', raised))).toEqual([]);
    expect(mapRewardServiceEvent(recorded(selectionStream('s1'), 'SelectionObjectionDismissed', ruling))).toEqual([]);
    const [upheld, ...more] = mapRewardServiceEvent(recorded(selectionStream('s1'), 'SelectionObjectionUpheld', { ...ruling, bureauId: 'weihai', year: 2026, selected: ['he'] }));
    expect(more).toEqual([]);
    expect([upheld!.key, upheld!.value.type]).toEqual(['s1', 'pledgebook.reward.selection-objection-upheld.v1']);
    expect(upheld!.value.data).toEqual({ bureauId: 'weihai', selectionId: 's1', year: 2026, memberId: 'li', selected: ['he'], upheldAt: AT });
    expect(() => registry.validate(upheld!.value)).not.toThrow();
    for (const inside of ['sun', '缺席', '經核實', 'liu', 'o1']) expect(JSON.stringify(upheld!.value.data)).not.toContain(inside);
  });
});
