/**
 * The fixed catalogue of formulas a computed criterion may name (ADR 0041). A scheme is data and
 * chooses among these by name with its parameters; a new formula is a code change with its own
 * specs, never a scheme edit.
 */
export const FORMULAS = ['items-fulfilled-ratio', 'monthly-checks-on-track-ratio', 'deeds-recorded-count', 'reminder-talks-deduction'] as const;
export type FormulaName = (typeof FORMULAS)[number];

export interface FormulaParams {
  /** deeds-recorded-count: points per recorded deed (capped at the criterion's maximum). */
  pointsPerDeed?: number;
  /** reminder-talks-deduction: points taken off per reminder talk needed (down to zero). */
  pointsPerTalk?: number;
}

export interface FormulaDefinition {
  label: string;
  /** What the formula computes, in plain words (shown with every score it explains). */
  rule: string;
  params: readonly (keyof FormulaParams)[];
}

export const FORMULA_CATALOGUE: Record<FormulaName, FormulaDefinition> = {
  'items-fulfilled-ratio': {
    label: '承诺事项完成率',
    rule: 'maximum × fulfilled items ÷ items; an item is fulfilled when its latest checked status by the half’s end is done, or on track while it is not yet due',
    params: [],
  },
  'monthly-checks-on-track-ratio': {
    label: '月度检查进度正常率',
    rule: 'maximum × item statuses done or on track ÷ all item statuses recorded by the half’s monthly checks',
    params: [],
  },
  'deeds-recorded-count': {
    label: '实事承诺记录',
    rule: 'min(maximum, deeds recorded in the half × points per deed); a correction replaces what it corrects (the latest record of each line counts)',
    params: ['pointsPerDeed'],
  },
  'reminder-talks-deduction': {
    label: '谈话提醒扣分',
    rule: 'max(0, maximum − reminder talks needed in the half × points per talk)',
    params: ['pointsPerTalk'],
  },
};

export const isFormula = (value: unknown): value is FormulaName => typeof value === 'string' && (FORMULAS as readonly string[]).includes(value);
