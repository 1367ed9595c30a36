import type { Quarter } from '../shared/dates';
import type { DispatchEvent } from './events';

export interface DispatchState {
  status: 'none' | 'held';
  bureauId: string;
  branchId: string;
  year: number;
  quarter?: Quarter;
  held?: DispatchEvent['data'];
}

export const initialDispatchState = (): DispatchState => ({ status: 'none', bureauId: '', branchId: '', year: 0 });

export function evolveDispatch(state: DispatchState, event: DispatchEvent): DispatchState {
  const { bureauId, branchId, year, quarter } = event.data;
  return { status: 'held', bureauId, branchId, year, quarter, held: event.data };
}
