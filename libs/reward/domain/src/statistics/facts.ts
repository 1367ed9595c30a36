import type { Grade, Half } from '../shared/grades';
import type { FulfilmentLine } from './fulfilment-count';
import type { OpeningFigures } from './opening';

/**
 * What the statistics fold takes in, read from the integration events the reward service
 * recorded (pledge and appraisal topics) and from its own grant and opening-totals streams.
 */
export type StatisticsFact =
  | { kind: 'unit'; bureauId: string; orgUnitId: string; type: string; parentId?: string }
  | { kind: 'member'; bureauId: string; memberId: string; branchId?: string; groupId?: string }
  | { kind: 'book-submitted'; bureauId: string; pledgeId: string; year: number; branchId?: string; groupId?: string; deedItems: number[] }
  | { kind: 'book-revised'; pledgeId: string; deedItems: number[] }
  | { kind: 'book-published'; pledgeId: string }
  | { kind: 'book-withdrawn'; pledgeId: string }
  | { kind: 'book-closed'; pledgeId: string }
  | { kind: 'progress'; pledgeId: string; record: FulfilmentLine }
  | { kind: 'check'; bureauId: string; groupId: string; branchId?: string; month: string; items: number; done: number; onTrack: number; behind: number; notStarted: number }
  | { kind: 'result'; bureauId: string; year: number; half: Half; memberId: string; grade: Grade }
  | { kind: 'grant'; bureauId: string; grantId: string; year: number; recipient: { type: 'member' | 'unit'; id: string }; amountFen: number }
  | { kind: 'grant-revoked'; bureauId: string; grantId: string; year: number }
  | { kind: 'opening'; bureauId: string; year: number; figures: OpeningFigures };
