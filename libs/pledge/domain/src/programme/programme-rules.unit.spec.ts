import type { Actor } from '../actor';
import type { DirectoryCommand } from '../directory/commands';
import { decideDirectory } from '../directory/decide';
import type { DirectoryEvent } from '../directory/events';
import { evolveDirectory, programmeRulesOf } from '../directory/evolve';
import { initialDirectoryState } from '../directory/types';
import type { PledgeCommand } from '../pledge/commands';
import { decidePledge } from '../pledge/decide';
import type { PledgeEvent } from '../pledge/events';
import { evolvePledge } from '../pledge/evolve';
import { initialPledgeState, type PledgeState } from '../pledge/state';
import type { ItemInput, PledgeItem, Pledger } from '../pledge/types';
import { deciderSpec } from '../testing';
import { DEFAULT_PROGRAMME_RULES, type ProgrammeRules } from './programme-rules';

const directory = deciderSpec<ReturnType<typeof initialDirectoryState>, DirectoryCommand, DirectoryEvent>(decideDirectory, evolveDirectory, initialDirectoryState);
const pledges = deciderSpec<PledgeState, PledgeCommand, PledgeEvent>(decidePledge, evolvePledge, initialPledgeState);

const wang: Actor = { memberId: 'm1', bureauId: 'b1', roles: ['member'] };
const common: ItemInput = { kind: 'common', area: 'theory-study', text: '每月讀一本理論書', target: '全年12本' };
const position: ItemInput = { kind: 'position', text: '把人口統計工作做到全省一流', target: '考核全省前三', benchmark: true };
const deed: ItemInput = { kind: 'deed', text: '資助一名貧困學生', target: '全年2000元', category: 'student-aid' };
const book = (items: ItemInput[], pledger: Pledger = { type: 'individual', memberIds: ['m1'] }): PledgeEvent => ({
  type: 'PledgeDrafted',
  data: { pledgeId: 'p1', bureauId: 'b1', year: 2026, pledger, branchId: 'br1', items: items.map((item, i): PledgeItem => ({ ...item, no: i + 1 })) },
});
const submit = (programmeRules: ProgrammeRules = DEFAULT_PROGRAMME_RULES, actor = wang): PledgeCommand => ({ type: 'SubmitPledge', actor, guidanceCategories: ['student-aid'], programmeRules });
const registered: DirectoryEvent = { type: 'BureauRegistered', data: { bureauId: 'b1', name: '威海市統計局' } };

describe('programme rule positionBenchmark (issue rule 3)', () => {
  it('refuses to submit an individual book whose position pledge has no province-first-rank goal, naming the rule', () => {
    const error = pledges([book([common, { ...position, benchmark: false }, deed])]).when(submit()).thenFails('position_benchmark_required', 'invalid', 'items/1/benchmark');
    expect(error.details.rule).toBe('positionBenchmark');
    pledges([book([common, { ...position, benchmark: undefined }, deed])]).when(submit()).thenFails('position_benchmark_required');
  });

  it('submits once a position item carries the benchmark, or when the bureau admin switched the rule off', () => {
    expect(decidePledge(submit(), [book([common, position, deed])].reduce(evolvePledge, initialPledgeState()))[0]!.type).toBe('PledgeSubmitted');
    const off = { ...DEFAULT_PROGRAMME_RULES, positionBenchmark: false };
    expect(decidePledge(submit(off), [book([common, { ...position, benchmark: false }, deed])].reduce(evolvePledge, initialPledgeState()))).toHaveLength(1);
  });
});

describe('programme rule yearlyDeed (issue rule 3)', () => {
  it('refuses to submit an individual book without a deed item, naming the rule', () => {
    const error = pledges([book([common, position])]).when(submit()).thenFails('yearly_deed_required', 'invalid', 'items');
    expect(error.details.rule).toBe('yearlyDeed');
  });

  it('submits without a deed when the rule is off, and binds only individual books', () => {
    expect(decidePledge(submit({ ...DEFAULT_PROGRAMME_RULES, yearlyDeed: false }), [book([common, position])].reduce(evolvePledge, initialPledgeState()))).toHaveLength(1);
    const paired = book([deed], { type: 'paired', memberIds: ['m1', 'm2'] });
    expect(decidePledge(submit(), [paired].reduce(evolvePledge, initialPledgeState()))).toHaveLength(1);
  });
});

describe('setting a year’s programme rules (SetProgrammeRules)', () => {
  it('starts every year with every rule on, and records the bureau admin’s switch once', () => {
    expect(programmeRulesOf(initialDirectoryState(), 2026)).toEqual({ positionBenchmark: true, yearlyDeed: true });
    const set: DirectoryEvent = { type: 'ProgrammeRulesSet', data: { year: 2026, positionBenchmark: false, yearlyDeed: true } };
    directory([registered]).when({ type: 'SetProgrammeRules', year: 2026, rules: { positionBenchmark: false, yearlyDeed: true } }).then([set]);
    directory([registered, set]).when({ type: 'SetProgrammeRules', year: 2026, rules: { positionBenchmark: false, yearlyDeed: true } }).then([]);
    const state = [registered, set].reduce(evolveDirectory, initialDirectoryState());
    expect(programmeRulesOf(state, 2026)).toEqual({ positionBenchmark: false, yearlyDeed: true });
    expect(programmeRulesOf(state, 2027)).toEqual({ positionBenchmark: true, yearlyDeed: true });
  });

  it('refuses to change the rules of a closed year', () => {
    directory([registered, { type: 'YearClosed', data: { year: 2025 } }]).when({ type: 'SetProgrammeRules', year: 2025, rules: { positionBenchmark: false, yearlyDeed: false } }).thenFails('year_closed', 'conflict');
  });
});
