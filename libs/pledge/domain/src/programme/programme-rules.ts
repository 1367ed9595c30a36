import { invalid } from '../errors';
import type { ItemInput, PledgerType } from '../pledge/types';

/**
 * A bureau's programme rules for a year (the seed's programme asks both of every cadre). Each is
 * on unless the bureau admin switches it off for the year.
 */
export interface ProgrammeRules {
  /** The position pledge names a province-first-rank goal: a position item with `benchmark: true`. */
  positionBenchmark: boolean;
  /** At least one practical deed a year: a deed item. */
  yearlyDeed: boolean;
}

export const PROGRAMME_RULE_NAMES = ['positionBenchmark', 'yearlyDeed'] as const satisfies readonly (keyof ProgrammeRules)[];
export type ProgrammeRuleName = (typeof PROGRAMME_RULE_NAMES)[number];

export const DEFAULT_PROGRAMME_RULES: Readonly<ProgrammeRules> = Object.freeze({ positionBenchmark: true, yearlyDeed: true });

/**
 * Checks a book at submission against the year's rules. The rules are each cadre's, so they bind
 * individual books; paired and collective books are joint undertakings beside them.
 */
export function checkProgrammeRules(items: readonly ItemInput[], pledgerType: PledgerType, rules: ProgrammeRules): void {
  if (pledgerType !== 'individual') return;
  if (rules.positionBenchmark && !items.some((item) => item.kind === 'position' && item.benchmark === true)) {
    const first = items.findIndex((item) => item.kind === 'position');
    throw invalid('position_benchmark_required', 'the programme rule positionBenchmark asks the position pledge for a province-first-rank goal (a position item with benchmark: true)', {
      rule: 'positionBenchmark',
      field: first >= 0 ? `items/${first}/benchmark` : 'items',
    });
  }
  if (rules.yearlyDeed && !items.some((item) => item.kind === 'deed')) {
    throw invalid('yearly_deed_required', 'the programme rule yearlyDeed asks for at least one practical deed a year (a deed item)', { rule: 'yearlyDeed', field: 'items' });
  }
}
