/** Research works the reward service rated, one document per bureau and work (ADR 0087). */
export const RESEARCH_WORKS = 'research_works';
/** The grants of research shares, one per bureau and grant: which work and member, and whether revoked. */
export const RESEARCH_GRANTS = 'research_grants';

export interface ResearchWorkView {
  _id: string;
  [field: string]: unknown;
  bureauId: string;
  workId: string;
  year: number;
  categoryId: string;
  levelId: string;
  amountFen: number;
  authors: Array<{ memberId: string; shareFen: number }>;
  bonusPoints?: number;
  ratedAt: string;
  /** The rating's bureau date (China Standard Time): the date that places the work in a half. */
  ratedOn: string;
  /** The reward service's event id (scores cite it). */
  eventId: string;
}

export interface ResearchGrantView {
  _id: string;
  [field: string]: unknown;
  bureauId: string;
  grantId: string;
  workId?: string;
  memberId?: string;
  revoked?: boolean;
}
