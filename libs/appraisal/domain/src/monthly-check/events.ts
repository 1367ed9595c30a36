import type { ItemStatus, StatusCounts } from '../shared/statuses';
import type { CheckEntry, StatusChange } from './types';

export type MonthlyCheckEvent =
  | {
      type: 'MonthlyCheckRecorded';
      data: { bureauId: string; branchId: string; groupId: string; month: string; entries: CheckEntry[]; members: number; items: number; counts: StatusCounts; by: string; at: string };
    }
  | {
      type: 'MonthlyCheckCorrected';
      /** `counts` are the whole check's after the correction. */
      data: {
        bureauId: string;
        branchId: string;
        groupId: string;
        month: string;
        changes: Array<StatusChange & { previous: ItemStatus }>;
        reason: string;
        members: number;
        items: number;
        counts: StatusCounts;
        by: string;
        at: string;
      };
    };

export type MonthlyCheckEventType = MonthlyCheckEvent['type'];
