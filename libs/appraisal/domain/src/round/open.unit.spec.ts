import { deciderSpec } from '@pledgebook/util/testing';
import { roundDecider } from './decider';
import { member, office, opened, openCommand, publishedScheme, qian, subjects } from './round.fixtures';

const given = deciderSpec(roundDecider.decide, roundDecider.evolve, roundDecider.initialState);

describe('appraisal round: opening', () => {
  it('opens with the published scheme’s content and a snapshot of the subjects', () => given([]).when(openCommand()).then([opened]));

  it('keeps the subjects and the scheme in the state', () => {
    const state = roundDecider.evolve(roundDecider.initialState(), opened);
    expect(state).toMatchObject({ status: 'scoring', year: 2026, half: 'H1', schemeVersion: 1 });
    expect(Object.keys(state.subjects).sort()).toEqual(['li', 'qin', 'sun', 'wu', 'zheng']);
  });

  it('lets only the year’s appraisal office open it, in its own bureau', () => {
    given([]).when(openCommand({ actor: member('sun') })).thenFails('not_office_staff', 'forbidden');
    given([]).when(openCommand({ actor: { ...qian, bureauId: 'yantai' } })).thenFails('other_bureau', 'forbidden');
  });

  it('opens one round per bureau, year and half', () => {
    given([opened]).when(openCommand()).thenFails('round_already_open', 'conflict');
  });

  it('needs a scheme published to the bureau before the round opens', () => {
    given([]).when(openCommand({ context: { ...office, subjects, scheme: { ...publishedScheme, status: 'approved', publishedAt: undefined } } })).thenFails('scheme_not_published', 'conflict');
    given([]).when(openCommand({ context: { ...office, subjects, scheme: { ...publishedScheme, publishedAt: '2026-06-23T00:00:00.000Z' } } })).thenFails('scheme_not_published', 'conflict');
    given([]).when(openCommand({ context: { ...office, subjects, scheme: { ...publishedScheme, year: 2025 } } })).thenFails('scheme_of_other_year', 'invalid', 'schemeVersion');
  });

  it('opens at the half’s end, from the first day of its last month', () => {
    given([]).when(openCommand({ at: '2026-05-31T15:59:00.000Z' })).thenFails('too_early', 'invalid', 'half');
    // 00:30 on 1 June in Weihai.
    expect(roundDecider.decide(openCommand({ at: '2026-05-31T16:30:00.000Z' }), roundDecider.initialState())).toHaveLength(1);
    given([]).when(openCommand({ half: 'H2' })).thenFails('too_early', 'invalid', 'half');
  });

  it('wants subjects with a published individual or paired book, each once', () => {
    given([]).when(openCommand({ context: { ...office, scheme: publishedScheme, subjects: [] } })).thenFails('no_subjects', 'invalid', 'subjects');
    given([]).when(openCommand({ context: { ...office, scheme: publishedScheme, subjects: [...subjects, subjects[0]!] } })).thenFails('repeated_subject', 'invalid', 'subjects');
    const collectiveOnly = { memberId: 'feng', partyStatus: 'full' as const, books: [{ pledgeId: 'p-team', pledgerType: 'collective' as never, status: 'published' as const }] };
    const draftOnly = { memberId: 'chen', partyStatus: 'full' as const, books: [{ pledgeId: 'p-chen', pledgerType: 'individual' as const, status: 'submitted' as never }] };
    const error = given([]).when(openCommand({ context: { ...office, scheme: publishedScheme, subjects: [...subjects, collectiveOnly, draftOnly] } })).thenFails('not_a_subject', 'invalid', 'subjects');
    expect(error.details.memberIds).toEqual(['feng', 'chen']);
  });

  it('does not let a closed year cut off the H2 round: closed books stay subjects', () => {
    const closed = subjects.map((s) => ({ ...s, books: s.books.map((b) => ({ ...b, status: 'closed' as const })) }));
    const [event] = roundDecider.decide(openCommand({ half: 'H2', at: '2027-01-08T02:00:00.000Z', context: { ...office, scheme: publishedScheme, subjects: closed } }), roundDecider.initialState());
    expect(event).toMatchObject({ type: 'RoundOpened', data: { year: 2026, half: 'H2' } });
  });

  it('refuses a bad year or half', () => {
    given([]).when(openCommand({ half: 'H3' as never })).thenFails('bad_half', 'invalid', 'half');
    given([]).when(openCommand({ year: 20266 })).thenFails('bad_year', 'invalid', 'year');
  });

  it('refuses to act on a round that was never opened', () => {
    given([]).when({ type: 'RecordSelfAssessment', actor: member('sun'), rating: 'good', at: '2026-06-22T02:00:00.000Z' }).thenFails('appraisal_round_not_found', 'not_found');
  });
});
