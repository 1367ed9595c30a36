import { countStatuses, itemKey, type StatusCounts } from '../shared/statuses';
import type { EvidenceFile } from '../shared/evidence';
import type { CheckEntry, ItemCheck } from './types';

export interface MonthlyCheckState {
  status: 'none' | 'recorded';
  bureauId: string;
  branchId: string;
  groupId: string;
  month: string;
  /** Member → note and items by `pledgeId#itemNo`, as corrected. */
  entries: Record<string, { note: string; items: Record<string, ItemCheck>; attachments?: EvidenceFile[] }>;
  recordedBy?: string;
  recordedAt?: string;
  corrections: number;
}

export const initialMonthlyCheckState = (): MonthlyCheckState => ({ status: 'none', bureauId: '', branchId: '', groupId: '', month: '', entries: {}, corrections: 0 });

export const entriesToState = (entries: readonly CheckEntry[]): MonthlyCheckState['entries'] =>
  Object.fromEntries(entries.map((e) => [e.memberId, { note: e.note, items: Object.fromEntries(e.items.map((i) => [itemKey(i), i])), ...(e.attachments?.length ? { attachments: e.attachments } : {}) }]));

export const checkCounts = (entries: MonthlyCheckState['entries']): StatusCounts =>
  countStatuses(Object.values(entries).flatMap((e) => Object.values(e.items).map((i) => i.status)));
