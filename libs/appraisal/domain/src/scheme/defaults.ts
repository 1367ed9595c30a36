import type { Rating } from '../shared/ratings';
import type { GradeBand } from './types';

/** The conventional bands: 优秀 from 90, 合格 from 75, 基本合格 from 60, else 不合格. */
export const DEFAULT_GRADE_BANDS: readonly GradeBand[] = [
  { grade: 'excellent', minPoints: 90 },
  { grade: 'qualified', minPoints: 75 },
  { grade: 'basically-qualified', minPoints: 60 },
  { grade: 'unqualified', minPoints: 0 },
];

export const DEFAULT_RATING_PERCENT: Readonly<Record<Rating, number>> = { good: 100, fair: 80, average: 60, poor: 0 };
