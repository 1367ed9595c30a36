import type { Half } from '../shared/dates';
import type { Rating, RatingCounts } from '../shared/ratings';
import type { SchemeContent } from '../scheme/types';
import type { CriterionScore, NoticedResult, Subject } from './types';

export const ROUND_STATUSES = ['scoring', 'on-notice', 'final'] as const;
export type RoundStatus = (typeof ROUND_STATUSES)[number];

export interface Adjustment {
  points: number;
  reason: string;
  by: string;
  /** A bonus computed from events (rated research works): what it counted and the events it came from. */
  computed?: { rule: string; inputs: Record<string, number>; sourceEventIds: string[] };
}

export interface Objection {
  objectionId: string;
  memberId: string;
  raisedAt: string;
  /** For the appraisal office only. */
  objectorId: string;
  text: string;
  status: 'open' | 'dismissed' | 'upheld';
  decision?: { reason: string; by: string; at: string };
}

export interface RoundState {
  status: RoundStatus | 'none';
  bureauId: string;
  year: number;
  half: Half;
  schemeVersion: number;
  scheme?: SchemeContent;
  subjects: Record<string, Subject>;
  openedAt?: string;
  /** member → criterion → score */
  computed: Record<string, Record<string, CriterionScore>>;
  entered: Record<string, Record<string, CriterionScore>>;
  self: Record<string, Rating>;
  /** member → when their self-assessment was recorded (shown back to the member). */
  selfAt: Record<string, string>;
  peers: Record<string, RatingCounts>;
  peerGroups: string[];
  masses: Record<string, RatingCounts>;
  massBallots?: number;
  /** member → item id → adjustment */
  bonuses: Record<string, Record<string, Adjustment>>;
  deductions: Record<string, Record<string, Adjustment>>;
  vetoes: Record<string, Record<string, { reason: string; by: string }>>;
  results: Record<string, NoticedResult>;
  objections: Record<string, Objection>;
  finalizedAt?: string;
}

export const initialRoundState = (): RoundState => ({
  status: 'none',
  bureauId: '',
  year: 0,
  half: 'H1',
  schemeVersion: 0,
  subjects: {},
  computed: {},
  entered: {},
  self: {},
  selfAt: {},
  peers: {},
  peerGroups: [],
  masses: {},
  bonuses: {},
  deductions: {},
  vetoes: {},
  results: {},
  objections: {},
});

export const openObjections = (state: RoundState): Objection[] => Object.values(state.objections).filter((o) => o.status === 'open');
