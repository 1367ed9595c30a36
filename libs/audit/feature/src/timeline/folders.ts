import { dispatchDecider, monthlyCheckDecider, roundDecider, schemeDecider, talkDecider } from '@pledgebook/appraisal-domain';
import type { RecordedEvent } from '@pledgebook/event-store';
import { evolveDirectory, evolvePledge, initialDirectoryState, initialPledgeState } from '@pledgebook/pledge-domain';
import { evolvePublication, evolveReview, initialPublicationState, initialReviewState } from '@pledgebook/review-domain';
import { grantDecider, researchSchemeDecider, researchWorkDecider, rewardPolicyDecider, selectionDecider } from '@pledgebook/reward-domain';

/** How one kind of aggregate folds: the context's own evolve and initial state. */
interface Folder {
  context: string;
  aggregate: string;
  fold(events: readonly RecordedEvent[], stream: string): unknown;
}

// The deciders' event unions are closed; events read back from the store are handed to them as they are.
type AnyEvolve = (state: never, event: never) => unknown;
const folder = (context: string, aggregate: string, evolve: AnyEvolve, initial: (stream: string) => unknown): Folder => ({
  context,
  aggregate,
  fold: (events, stream) => events.reduce((state, e) => (evolve as (s: unknown, ev: unknown) => unknown)(state, { type: e.type, data: e.data }), initial(stream)),
});

/**
 * Known aggregates, recognised by the event that opens their stream (stream names are each
 * context's own business; the opening event is part of its domain). A stream opened by any
 * other event is still shown, as of the asked time, as its events and last hash.
 */
const FOLDERS: Record<string, Folder> = {
  PledgeDrafted: folder('pledge', 'pledge', evolvePledge as AnyEvolve, () => initialPledgeState()),
  BureauRegistered: folder('pledge', 'directory', evolveDirectory as AnyEvolve, () => initialDirectoryState()),
  ReviewRoundOpened: folder('review', 'review', evolveReview as AnyEvolve, (stream) => initialReviewState(stream.replace(/^review-/, ''))),
  PledgesPublished: folder('review', 'publication', evolvePublication as AnyEvolve, () => initialPublicationState()),
  SchemeDrafted: folder('appraisal', 'scheme', schemeDecider.evolve as AnyEvolve, () => schemeDecider.initialState()),
  MonthlyCheckRecorded: folder('appraisal', 'monthly-check', monthlyCheckDecider.evolve as AnyEvolve, () => monthlyCheckDecider.initialState()),
  QuarterlyDispatchHeld: folder('appraisal', 'dispatch', dispatchDecider.evolve as AnyEvolve, () => dispatchDecider.initialState()),
  ReminderTalkScheduled: folder('appraisal', 'reminder-talk', talkDecider.evolve as AnyEvolve, () => talkDecider.initialState()),
  RoundOpened: folder('appraisal', 'round', roundDecider.evolve as AnyEvolve, () => roundDecider.initialState()),
  RewardPolicySet: folder('reward', 'policy', rewardPolicyDecider.evolve as AnyEvolve, () => rewardPolicyDecider.initialState()),
  SelectionOpened: folder('reward', 'selection', selectionDecider.evolve as AnyEvolve, (stream) => selectionDecider.initialState(stream.replace(/^reward-selection-/, ''))),
  RewardGranted: folder('reward', 'grant', grantDecider.evolve as AnyEvolve, (stream) => grantDecider.initialState(stream.replace(/^reward-grant-[^.]*\./, ''))),
  ResearchSchemeSet: folder('reward', 'research-scheme', researchSchemeDecider.evolve as AnyEvolve, () => researchSchemeDecider.initialState()),
  ResearchWorkSubmitted: folder('reward', 'research-work', researchWorkDecider.evolve as AnyEvolve, (stream) => researchWorkDecider.initialState(stream.replace(/^reward-research-work-/, ''))),
};

export interface FoldedAggregate {
  context: string;
  aggregate: string | null;
  state: unknown;
}

/** The stream's state after `events` (its first events, up to a moment): folded when its kind is known. */
export function foldStream(stream: string, events: readonly RecordedEvent[]): FoldedAggregate {
  const context = stream.split('-')[0] ?? stream;
  const known = events[0] ? FOLDERS[events[0].type] : undefined;
  if (!known) return { context, aggregate: null, state: null };
  return { context: known.context, aggregate: known.aggregate, state: known.fold(events, stream) };
}
