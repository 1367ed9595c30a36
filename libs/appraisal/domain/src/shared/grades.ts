/** The grades of a half-year appraisal, best first (DESIGN.md §1). */
export const GRADES = ['excellent', 'qualified', 'basically-qualified', 'unqualified'] as const;
export type Grade = (typeof GRADES)[number];

export const GRADE_LABELS: Record<Grade, string> = { excellent: '优秀', qualified: '合格', 'basically-qualified': '基本合格', unqualified: '不合格' };

export const isGrade = (value: unknown): value is Grade => typeof value === 'string' && (GRADES as readonly string[]).includes(value);
