import { EXAMPLE_SCHEME } from './example-scheme';
import type { Criterion, SchemeContent } from './types';
import { schemeProblems, validateScheme } from './validate-scheme';

const withCriteria = (criteria: Criterion[], extra: Partial<SchemeContent> = {}): SchemeContent => ({ ...EXAMPLE_SCHEME, criteria, ...extra });
const codes = (content: SchemeContent) => schemeProblems(content).map((p) => p.code);
const [items, checks, deeds, talks, group, democratic, distinct] = EXAMPLE_SCHEME.criteria as [Criterion, Criterion, Criterion, Criterion, Criterion, Criterion, Criterion];

describe('scheme validation', () => {
  it('accepts the example scheme', () => expect(schemeProblems(EXAMPLE_SCHEME)).toEqual([]));

  it('wants the criteria’s maxima to add up to the total', () => {
    expect(codes(withCriteria([items, checks], { topGradeQuota: undefined }))).toEqual(['points_do_not_add_up']);
    expect(codes({ ...EXAMPLE_SCHEME, totalPoints: 0 })).toContain('bad_points');
  });

  it('knows only the catalogue’s formulas and their parameters', () => {
    const unknown = { ...items, formula: 'attendance-ratio' } as unknown as Criterion;
    expect(codes(withCriteria([unknown, checks, deeds, talks, group, democratic, distinct]))).toEqual(['unknown_formula']);
    const noParam = { ...deeds, params: {} } as Criterion;
    expect(schemeProblems(withCriteria([items, checks, noParam, talks, group, democratic, distinct]))).toEqual([
      expect.objectContaining({ code: 'bad_param', field: 'criteria/2/params/pointsPerDeed' }),
    ]);
    const tooBig = { ...talks, params: { pointsPerTalk: 6 } } as Criterion;
    expect(codes(withCriteria([items, checks, deeds, tooBig, group, democratic, distinct]))).toEqual(['bad_param']);
    const extra = { ...items, params: { pointsPerDeed: 1 } } as Criterion;
    expect(codes(withCriteria([extra, checks, deeds, talks, group, democratic, distinct]))).toEqual(['unknown_param']);
  });

  it('knows only computed and entered criteria', () => {
    const odd = { ...items, source: 'imported' } as unknown as Criterion;
    expect(codes(withCriteria([odd, checks, deeds, talks, group, democratic, distinct]))).toEqual(['unknown_source']);
    const kind = { ...group, kind: 'attendance' } as unknown as Criterion;
    expect(codes(withCriteria([items, checks, deeds, talks, kind, democratic, distinct]))).toEqual(['unknown_kind']);
  });

  it('wants democratic weights adding up to 100 and one democratic criterion at most', () => {
    const badWeights = { ...democratic, weights: { self: 10, peers: 40, masses: 40 } } as Criterion;
    expect(codes(withCriteria([items, checks, deeds, talks, group, badWeights, distinct]))).toEqual(['bad_weights']);
    const half = { ...democratic, maxPoints: 10 } as Criterion;
    expect(codes(withCriteria([items, checks, deeds, talks, group, half, { ...half, id: 'democratic-2' } as Criterion, distinct]))).toEqual(['one_democratic_evaluation']);
  });

  it('wants unique, well-formed ids and labels', () => {
    expect(codes(withCriteria([items, { ...checks, id: 'items' }, deeds, talks, group, democratic, distinct]))).toEqual(['repeated_id']);
    expect(codes({ ...EXAMPLE_SCHEME, bonuses: [{ id: 'items', label: '重复', cap: 2 }] })).toEqual(['repeated_id']);
    expect(codes(withCriteria([{ ...items, id: 'Items ' }, checks, deeds, talks, group, democratic, distinct], { topGradeQuota: undefined }))).toEqual(['bad_id']);
    expect(codes(withCriteria([{ ...items, label: ' ' }, checks, deeds, talks, group, democratic, distinct]))).toEqual(['label_required']);
    expect(codes({ ...EXAMPLE_SCHEME, title: '' })).toEqual(['title_required']);
  });

  it('wants positive caps and points to two decimals', () => {
    expect(codes({ ...EXAMPLE_SCHEME, bonuses: [{ id: 'b', label: '加分', cap: 0 }] })).toEqual(['bad_cap']);
    expect(codes(withCriteria([{ ...items, maxPoints: 29.999 }, { ...checks, maxPoints: 15.001 }, deeds, talks, group, democratic, distinct]))).toContain('bad_points');
  });

  it('wants bands from the best grade down, thresholds falling to 0 and reachable', () => {
    expect(codes({ ...EXAMPLE_SCHEME, bands: [], topGradeQuota: undefined })).toEqual(['bands_required']);
    expect(codes({ ...EXAMPLE_SCHEME, bands: [{ grade: 'qualified', minPoints: 60 }, { grade: 'excellent', minPoints: 90 }, { grade: 'unqualified', minPoints: 0 }] })).toEqual([
      'bands_unordered',
      'thresholds_unordered',
    ]);
    expect(codes({ ...EXAMPLE_SCHEME, bands: [{ grade: 'excellent', minPoints: 90 }, { grade: 'qualified', minPoints: 90 }, { grade: 'unqualified', minPoints: 0 }] })).toEqual(['thresholds_unordered']);
    expect(codes({ ...EXAMPLE_SCHEME, bands: [{ grade: 'excellent', minPoints: 90 }, { grade: 'unqualified', minPoints: 10 }] })).toEqual(['lowest_band_from_zero']);
    expect(codes({ ...EXAMPLE_SCHEME, bands: [{ grade: 'excellent', minPoints: 101 }, { grade: 'unqualified', minPoints: 0 }] })).toEqual(['threshold_unreachable']);
    expect(codes({ ...EXAMPLE_SCHEME, bands: [{ grade: 'great' as never, minPoints: 90 }, { grade: 'unqualified', minPoints: 0 }] })).toEqual(['unknown_grade']);
  });

  it('wants 不合格 as the lowest band when a veto exists, and a next band under a quota', () => {
    expect(codes({ ...EXAMPLE_SCHEME, bands: [{ grade: 'excellent', minPoints: 90 }, { grade: 'qualified', minPoints: 0 }] })).toEqual(['veto_needs_unqualified']);
    expect(codes({ ...EXAMPLE_SCHEME, vetoes: [], bands: [{ grade: 'qualified', minPoints: 0 }] })).toEqual(['quota_needs_two_bands']);
  });

  it('wants a quota as a whole percent with known, distinct tie-breakers', () => {
    expect(codes({ ...EXAMPLE_SCHEME, topGradeQuota: { maxPercent: 0, tieBreakers: [] } })).toEqual(['bad_quota']);
    expect(codes({ ...EXAMPLE_SCHEME, topGradeQuota: { maxPercent: 20.5, tieBreakers: [] } })).toEqual(['bad_quota']);
    expect(codes({ ...EXAMPLE_SCHEME, topGradeQuota: { maxPercent: 20, tieBreakers: ['research-award'] } })).toEqual(['unknown_criterion']);
    expect(codes({ ...EXAMPLE_SCHEME, topGradeQuota: { maxPercent: 20, tieBreakers: ['items', 'items'] } })).toEqual(['repeated_criterion']);
    expect(codes({ ...EXAMPLE_SCHEME, topGradeQuota: undefined })).toEqual([]);
  });

  it('wants rating percents falling from 好 to 差', () => {
    expect(codes({ ...EXAMPLE_SCHEME, ratingPercent: { good: 100, fair: 80, average: 90, poor: 0 } })).toEqual(['bad_rating_percent']);
    expect(codes({ ...EXAMPLE_SCHEME, ratingPercent: { good: 120, fair: 80, average: 60, poor: 0 } })).toEqual(['bad_rating_percent']);
  });

  it('throws one 422 listing every problem, pointing at the first field', () => {
    const content = { ...EXAMPLE_SCHEME, title: '', bonuses: [{ id: 'b', label: '加分', cap: -1 }] };
    expect(() => validateScheme(content)).toThrow(expect.objectContaining({ code: 'invalid_scheme', kind: 'invalid', details: expect.objectContaining({ field: 'content/title' }) }));
    try {
      validateScheme(content);
    } catch (e) {
      expect((e as { details: { problems: unknown[] } }).details.problems).toHaveLength(2);
    }
  });
});
