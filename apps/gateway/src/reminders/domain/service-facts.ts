import type { ServiceFact } from './facts';

/** The review and appraisal streams the reminders read, and the event types taken from them. */
export const SERVICE_STREAMS = {
  prefixes: ['review-', 'appraisal-talk-', 'appraisal-round-'],
  types: [
    'ReviewRoundOpened',
    'GroupForwarded',
    'GroupReviewRequested',
    'GroupReturned',
    'BranchApproved',
    'BranchReturned',
    'ReviewWithdrawn',
    'ReviewClosed',
    'DeadlinesSet',
    'ReminderTalkScheduled',
    'ReminderTalkHeld',
    'ReminderTalkCancelled',
    'ObjectionDismissed',
    'ObjectionUpheld',
  ],
} as const;

/** What of a stored event the reminders keep (only the fields named in ServiceFact: no notes, texts or objectors). */
export function serviceFactOf(stream: string, type: string, data: Record<string, unknown>, recordedAt: string): ServiceFact | undefined {
  if (stream.startsWith('review-settings-')) {
    return type === 'DeadlinesSet' ? { fact: 'review-deadlines', groupDays: Number(data['groupDays']), branchDays: Number(data['branchDays']) } : undefined;
  }
  if (stream.startsWith('review-publications-') || stream.startsWith('review-leadership-publications-') || stream.startsWith('review-facts-')) return undefined;
  if (stream.startsWith('review-')) return reviewFact(stream.slice('review-'.length), type, data, recordedAt);
  if (stream.startsWith('appraisal-talk-')) {
    const talkId = String(data['talkId']);
    if (type === 'ReminderTalkScheduled') return { fact: 'talk-scheduled', talkId, memberId: String(data['memberId']), branchId: String(data['branchId']), dueOn: String(data['dueOn']) };
    if (type === 'ReminderTalkHeld' || type === 'ReminderTalkCancelled') return { fact: 'talk-closed', talkId };
    return undefined;
  }
  if (stream.startsWith('appraisal-round-') && (type === 'ObjectionDismissed' || type === 'ObjectionUpheld')) {
    // The round's id is <bureauId>.<year>.<half>.
    const [, year, half] = stream.slice('appraisal-round-'.length).split('.');
    return { fact: 'objection-decided', objectionId: String(data['objectionId']), memberId: String(data['memberId']), outcome: type === 'ObjectionUpheld' ? 'upheld' : 'dismissed', year: Number(year), half: String(half) };
  }
  return undefined;
}

function reviewFact(pledgeId: string, type: string, data: Record<string, unknown>, recordedAt: string): ServiceFact | undefined {
  const round = Number(data['round']);
  const at = typeof data['at'] === 'string' ? data['at'] : recordedAt;
  switch (type) {
    case 'ReviewRoundOpened': {
      const groupId = data['groupId'] as string | undefined;
      const branchId = data['branchId'] as string | undefined;
      const stage = data['stage'] === 'branch' ? 'branch' : 'group';
      const pledgerIds = (data['pledger'] as { memberIds?: string[] } | undefined)?.memberIds;
      return {
        fact: 'review-stage',
        pledgeId,
        round,
        stage,
        since: String(data['openedAt'] ?? recordedAt),
        ...(groupId ? { groupId } : {}),
        ...(branchId ? { branchId } : {}),
        ...(pledgerIds ? { pledgerIds } : {}),
      };
    }
    case 'GroupForwarded':
      return { fact: 'review-stage', pledgeId, round, stage: 'branch', since: at };
    case 'GroupReviewRequested':
      return { fact: 'review-stage', pledgeId, round, stage: 'group', since: at };
    case 'GroupReturned':
    case 'BranchApproved':
    case 'BranchReturned':
    case 'ReviewWithdrawn':
    case 'ReviewClosed':
      return { fact: 'review-ended', pledgeId, round };
    default:
      return undefined;
  }
}
