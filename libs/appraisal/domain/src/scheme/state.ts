import type { SchemeContent } from './types';

export const SCHEME_STATUSES = ['draft', 'submitted', 'approved', 'published'] as const;
export type SchemeStatus = (typeof SCHEME_STATUSES)[number];

export interface SchemeState {
  status: SchemeStatus | 'none';
  bureauId: string;
  year: number;
  version: number;
  content?: SchemeContent;
  basedOnVersion?: number;
  approvedBy?: string;
  publishedAt?: string;
  /** The leading group's last reason for returning it. */
  returnedFor?: string;
}

export const initialSchemeState = (): SchemeState => ({ status: 'none', bureauId: '', year: 0, version: 0 });
