import { deciderSpec } from '@pledgebook/util/testing';
import type { Actor } from '../shared/actor';
import type { FinalResult } from '../shared/grades';
import { decideRewardPolicy, evolveRewardPolicy, initialRewardPolicyState } from './decider';
import { automaticAwards, eligibleOnResult, proposeNominees } from './eligibility';
import type { Honour, RewardPolicyCommand, RewardPolicyEvent } from './types';

const AT = '2026-12-01T02:00:00.000Z';
const leading: Actor = { memberId: 'zhou', bureauId: 'weihai', roles: ['member', 'leading-group'] };
const outstanding: Honour = {
  honourId: 'outstanding-member',
  title: '優秀共產黨員',
  award: 'selection',
  eligibleGrades: ['excellent'],
  consecutiveTopGrades: 2,
  quota: 3,
  reward: { spiritual: ['honour-title', 'certificate'], material: { kind: 'money', amountFen: 100_000 } },
};
const commendation: Honour = { honourId: 'commendation', title: '承諾踐諾表揚', award: 'automatic', eligibleGrades: ['excellent'], reward: { spiritual: ['commendation'] } };
const set = (honours: Honour[], extra: Partial<RewardPolicyCommand> = {}): RewardPolicyCommand => ({ type: 'SetRewardPolicy', bureauId: 'weihai', year: 2026, honours, actor: leading, at: AT, ...extra });
const setEvent = (version: number, honours: Honour[]): RewardPolicyEvent => ({ type: 'RewardPolicySet', data: { bureauId: 'weihai', year: 2026, version, honours, setBy: 'zhou', setAt: AT } });
const given = deciderSpec(decideRewardPolicy, evolveRewardPolicy, initialRewardPolicyState);

describe('reward policy decider', () => {
  it('records a bureau-year policy as version 1', () => void given([]).when(set([outstanding, commendation])).then([setEvent(1, [outstanding, commendation])]));
  it('keeps earlier versions: a change is the next version', () => void given([setEvent(1, [outstanding])]).when(set([outstanding, commendation])).then([setEvent(2, [outstanding, commendation])]));
  it('records nothing when the same policy is set again', () => void given([setEvent(1, [outstanding])]).when(set([outstanding])).then([]));
  it('is set by the leading group only', () => void given([]).when(set([outstanding], { actor: { ...leading, roles: ['member', 'bureau-admin'] } })).thenFails('not_leading_group', 'forbidden'));
  it('names each honour once', () => void given([]).when(set([outstanding, outstanding])).thenFails('duplicate_honour', 'invalid', 'honours/1/honourId'));
  it('needs 1 to 20 honours', () => void given([]).when(set([])).thenFails('invalid_honours', 'invalid', 'honours'));
  it('gives a selection honour a quota', () => void given([]).when(set([{ ...outstanding, quota: undefined }])).thenFails('quota_required', 'invalid', 'honours/0/quota'));
  it('gives an automatic honour no quota', () => void given([]).when(set([{ ...commendation, quota: 2 }])).thenFails('quota_not_allowed', 'invalid', 'honours/0/quota'));
  it('names eligible grades', () => void given([]).when(set([{ ...commendation, eligibleGrades: [] }])).thenFails('no_eligible_grades', 'invalid', 'honours/0/eligibleGrades'));
  it('refuses an unknown grade', () => void given([]).when(set([{ ...commendation, eligibleGrades: ['perfect' as never] }])).thenFails('unknown_grade', 'invalid', 'honours/0/eligibleGrades/0'));
  it('applies the consecutive rule to the top grade only', () =>
    void given([]).when(set([{ ...outstanding, eligibleGrades: ['qualified'] }])).thenFails('consecutive_needs_top_grade', 'invalid', 'honours/0/eligibleGrades'));
  it('counts consecutive results 2 to 6', () => void given([]).when(set([{ ...outstanding, consecutiveTopGrades: 1 }])).thenFails('invalid_consecutive', 'invalid', 'honours/0/consecutiveTopGrades'));
  it('gives money in whole fen above 0', () =>
    void given([]).when(set([{ ...outstanding, reward: { spiritual: [], material: { kind: 'money', amountFen: 0 } } }])).thenFails('invalid_amount', 'invalid', 'honours/0/reward/material/amountFen'));
  it('describes goods', () => void given([]).when(set([{ ...outstanding, reward: { spiritual: [], material: { kind: 'goods', goods: ' ' } } }])).thenFails('goods_required', 'invalid', 'honours/0/reward/material/goods'));
  it('gives something', () => void given([]).when(set([{ ...outstanding, reward: { spiritual: [] } }])).thenFails('empty_reward', 'invalid', 'honours/0/reward/spiritual'));
  it('names a spiritual form once', () =>
    void given([]).when(set([{ ...outstanding, reward: { spiritual: ['certificate', 'certificate'] } }])).thenFails('duplicate_form', 'invalid', 'honours/0/reward/spiritual/1'));
  it('lets one result ground one automatic honour', () =>
    void given([]).when(set([commendation, { ...commendation, honourId: 'bonus', eligibleGrades: ['qualified', 'excellent'] }])).thenFails('overlapping_automatic_honours', 'invalid', 'honours/1/eligibleGrades'));
  it('takes lower-case honour ids', () => void given([]).when(set([{ ...commendation, honourId: 'Best Member' }])).thenFails('invalid_honour_id', 'invalid', 'honours/0/honourId'));
});

const result = (memberId: string, year: number, half: 'H1' | 'H2', grade: FinalResult['grade']): FinalResult => ({ memberId, roundId: `${year}-${half}`, year, half, grade });

describe('eligibility: grades and "two consecutive 優秀"', () => {
  it('makes a member eligible when the result’s grade is eligible', () => {
    expect(eligibleOnResult(commendation, result('wang', 2026, 'H1', 'excellent'), []).eligible).toBe(true);
    expect(eligibleOnResult(commendation, result('wang', 2026, 'H1', 'qualified'), []).eligible).toBe(false);
  });

  it('needs the member’s last two results to be the top grade, in consecutive half-years', () => {
    const h2 = result('wang', 2026, 'H2', 'excellent');
    expect(eligibleOnResult(outstanding, h2, [result('wang', 2026, 'H1', 'excellent'), h2]).eligible).toBe(true);
    expect(eligibleOnResult(outstanding, h2, [result('wang', 2026, 'H1', 'qualified'), h2]).eligible).toBe(false);
    expect(eligibleOnResult(outstanding, h2, [h2]).eligible).toBe(false);
    // Across a year's end, and a gap breaks the run.
    const h1 = result('li', 2026, 'H1', 'excellent');
    expect(eligibleOnResult(outstanding, h1, [result('li', 2025, 'H2', 'excellent'), h1]).eligible).toBe(true);
    expect(eligibleOnResult(outstanding, h1, [result('li', 2025, 'H1', 'excellent'), h1]).eligible).toBe(false);
    // Another member's results do not count.
    expect(eligibleOnResult(outstanding, h2, [result('li', 2026, 'H1', 'excellent'), h2]).eligible).toBe(false);
  });

  it('proposes nominees from the year’s final results, best grade first', () => {
    const wide: Honour = { ...commendation, award: 'selection', quota: 5, eligibleGrades: ['excellent', 'qualified'] };
    const results = [result('zhao', 2026, 'H2', 'qualified'), result('wang', 2026, 'H1', 'qualified'), result('wang', 2026, 'H2', 'excellent'), result('sun', 2026, 'H2', 'unqualified'), result('li', 2025, 'H2', 'excellent')];
    expect(proposeNominees(wide, 2026, results)).toEqual([
      { memberId: 'wang', grade: 'excellent', basis: ['2026-H2/wang'] },
      { memberId: 'zhao', grade: 'qualified', basis: ['2026-H2/zhao'] },
    ]);
    expect(proposeNominees(outstanding, 2026, [...results, result('wang', 2026, 'H1', 'excellent')].filter((r) => !(r.memberId === 'wang' && r.grade === 'qualified')))).toEqual([
      { memberId: 'wang', grade: 'excellent', basis: ['2026-H2/wang', '2026-H1/wang'] },
    ]);
  });
});

describe('automatic honours for results already recorded', () => {
  const twice: Honour = { ...commendation, honourId: 'two-in-a-row', consecutiveTopGrades: 2 };
  const results = [
    result('wang', 2026, 'H1', 'excellent'),
    result('wang', 2026, 'H2', 'excellent'),
    result('zhou', 2026, 'H2', 'qualified'),
    result('li', 2025, 'H2', 'excellent'),
    result('li', 2026, 'H1', 'excellent'),
  ];
  const awarded = (honours: Honour[], year = 2026, rs = results) => automaticAwards(honours, year, rs).map((a) => `${a.honour.honourId}:${a.result.roundId}/${a.result.memberId}`);

  it('awards each eligible result of the policy’s year each automatic honour, and nothing for selection honours', () => {
    expect(awarded([commendation, outstanding])).toEqual(['commendation:2026-H1/wang', 'commendation:2026-H2/wang', 'commendation:2026-H1/li']);
    expect(awarded([outstanding])).toEqual([]);
    expect(awarded([commendation], 2025)).toEqual(['commendation:2025-H2/li']);
  });

  it('judges a consecutive rule on results of every year, and counts a result recorded twice once', () => {
    expect(awarded([twice])).toEqual(['two-in-a-row:2026-H2/wang', 'two-in-a-row:2026-H1/li']);
    expect(awarded([commendation], 2026, [...results, result('wang', 2026, 'H1', 'excellent')])).toEqual(['commendation:2026-H1/wang', 'commendation:2026-H2/wang', 'commendation:2026-H1/li']);
  });
});

