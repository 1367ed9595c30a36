import type { SchemeContent } from './types';

export type SchemeEvent =
  | { type: 'SchemeDrafted'; data: { bureauId: string; year: number; version: number; content: SchemeContent; basedOnVersion?: number; by: string; at: string } }
  | { type: 'SchemeRevised'; data: { version: number; content: SchemeContent; by: string; at: string } }
  | { type: 'SchemeSubmitted'; data: { version: number; by: string; at: string } }
  | { type: 'SchemeReturned'; data: { version: number; reason: string; by: string; at: string } }
  | { type: 'SchemeApproved'; data: { version: number; by: string; at: string } }
  /** The whole content again: this event alone is the public record of the rules (made public in advance). */
  | { type: 'SchemePublished'; data: { bureauId: string; year: number; version: number; content: SchemeContent; by: string; publishedAt: string } };

export type SchemeEventType = SchemeEvent['type'];
