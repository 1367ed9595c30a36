import type { RevisionGuard } from './types';

/** Revisions applied to a document, by stream (kept beside the document, not in it). */
export type AppliedRevisions = Record<string, number>;

/** Stream names may hold dots, which MongoDB field paths cannot: encode them. */
export function guardKey(stream: string): string {
  return stream.replace(/\./g, '\uff0e').replace(/^\$/, '\uff04');
}

export function isNewer(applied: AppliedRevisions | undefined, guard: RevisionGuard | undefined): boolean {
  if (!guard) return true;
  const last = applied?.[guardKey(guard.stream)];
  return last === undefined || guard.revision > last;
}

export function withApplied(applied: AppliedRevisions | undefined, guard: RevisionGuard | undefined): AppliedRevisions {
  if (!guard) return applied ?? {};
  return { ...applied, [guardKey(guard.stream)]: guard.revision };
}
