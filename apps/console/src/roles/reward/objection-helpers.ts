// Framework-free rules of the objection, research and policy pages (as the service states them), unit-tested.
import { yuanToFen } from '../../format/format';
import type { Selection } from './types';

/** An objection to a member selected (ADR 0084); `restricted` reaches the leading group only. */
export interface Objection {
  objectionId: string;
  memberId: string;
  raisedAt: string;
  status: 'open' | 'dismissed' | 'upheld';
  restricted?: { objectorId: string; text: string };
  decision?: { reason: string; by: string; at: string };
}
export type SelectionWithObjections = Selection & { objections?: Record<string, Objection> };

/** How many objections still wait for the leading group (the announcement waits for none). */
export const openObjections = (selection: Pick<SelectionWithObjections, 'objections'>): number => Object.values(selection.objections ?? {}).filter((o) => o.status === 'open').length;

/** Evidence typed one per line, as the service takes it: trimmed, blank lines dropped. */
export const evidenceLines = (text: string | undefined): string[] =>
  (text ?? '')
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter(Boolean);

/** A form's yuan as fen for the service; empty is 0, anything else unreadable is undefined. */
export const fenOrZero = (yuan: string | number | undefined | null): number | undefined => (yuan === undefined || yuan === null || String(yuan).trim() === '' ? 0 : yuanToFen(yuan));

/** A form rule for a yuan field that may be empty: anything {@link fenOrZero} cannot read is refused with `message`. */
export const fenRule = (message: string) => ({ validator: (_: unknown, v?: string) => (fenOrZero(v) !== undefined ? Promise.resolve() : Promise.reject(new Error(message))) });

/** Fen shown in a yuan field (two decimals only when there are cents). */
export const fenToYuanText = (fen: number | undefined): string => (fen === undefined ? '' : fen % 100 === 0 ? String(fen / 100) : (fen / 100).toFixed(2));
