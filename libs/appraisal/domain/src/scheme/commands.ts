import type { Actor, OfficeContext } from '../shared/actor';
import type { SchemeContent } from './types';

/**
 * One stream per bureau, year and version. The office drafts and revises, submits it to the
 * leading party group (领导小组), which approves or returns it; the office publishes the approved
 * scheme to the bureau. A published scheme never changes: a change is a new version.
 */
export type SchemeCommand =
  | { type: 'DraftScheme'; actor: Actor; bureauId: string; year: number; version: number; content: SchemeContent; basedOnVersion?: number; context: OfficeContext; at: string }
  | { type: 'ReviseScheme'; actor: Actor; content: SchemeContent; context: OfficeContext; at: string }
  | { type: 'SubmitScheme'; actor: Actor; context: OfficeContext; at: string }
  | { type: 'ReturnScheme'; actor: Actor; reason: string; at: string }
  | { type: 'ApproveScheme'; actor: Actor; at: string }
  | { type: 'PublishScheme'; actor: Actor; context: OfficeContext; at: string };
