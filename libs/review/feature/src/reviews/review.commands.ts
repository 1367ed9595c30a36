import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { EventStore, LoadedStream } from '@pledgebook/event-store';
import { EVENT_STORE, eventMetadataOf, READ_MODELS, toNewEvents, type CommandMeta } from '@pledgebook/nest';
import type { ReadModelStore } from '@pledgebook/read-model';
import {
  actingRoleOf,
  decideDeadlines,
  decidePublication,
  evolvePublication,
  evolveReview,
  initialPublicationState,
  type Deadlines,
  type PublicationEvent,
  type Publisher,
  type Reviewer,
  type ReviewCommand,
  type ReviewEvent,
  type ReviewState,
} from '@pledgebook/review-domain';
import { REVIEWS, type ReviewView } from '../projections/views';
import { leadershipPublicationStream, publicationStream, settingsStream } from '../streams';
import { ReviewRepository } from './review.repository';

export interface ReviewWriteResult {
  pledgeId: string;
  revision: number;
  /** The review after the command. */
  state: ReviewState;
  /** The events this command appended (empty when it changed nothing). */
  recorded: string[];
}

/** A review command, or how to build it from the review as loaded (context lookups). */
export type ReviewCommandSource = ReviewCommand | ((loaded: LoadedStream<ReviewState>) => ReviewCommand | Promise<ReviewCommand>);

export class DecideReview {
  constructor(
    readonly pledgeId: string,
    readonly command: ReviewCommandSource,
    readonly meta: CommandMeta,
    /** Who may run it on this review (the caller's bureau), checked on the loaded state first. */
    readonly access?: (state: ReviewState) => void,
  ) {}
}

@CommandHandler(DecideReview)
export class DecideReviewHandler implements ICommandHandler<DecideReview, ReviewWriteResult> {
  constructor(private readonly reviews: ReviewRepository) {}

  /** One read of the review's stream: access, build the command, decide, append with its revision. */
  async execute({ pledgeId, command, meta, access }: DecideReview): Promise<ReviewWriteResult> {
    const result = await this.reviews.handle(pledgeId, {
      command,
      ...(access ? { access: ({ state }: LoadedStream<ReviewState>) => access(state) } : {}),
      // The stream records the role the decision was taken in, not the caller's highest role.
      metadata: ({ state }, decided) => {
        const role = actingRoleOf(decided as ReviewEvent[]);
        const bureauId = (decided as ReviewEvent[]).reduce(evolveReview, state).bureauId || meta.bureauId;
        return eventMetadataOf(role ? { ...meta, actorRole: role } : meta, bureauId);
      },
      ...(meta.idempotencySeed ? { idempotencySeed: meta.idempotencySeed } : {}),
    });
    return { pledgeId, revision: result.revision, state: result.state, recorded: result.events.map((e) => e.type) };
  }
}

/** A publication act: a branch's (by its secretary) or the leading party group's (books outside any branch). */
export class Publish {
  constructor(
    readonly bureauId: string,
    readonly publisher: Publisher,
    readonly year: number,
    readonly publicationId: string,
    readonly reviewer: Reviewer,
    readonly meta: CommandMeta,
  ) {}
}

@CommandHandler(Publish)
export class PublishHandler implements ICommandHandler<Publish, PublicationEvent['data']> {
  constructor(
    @Inject(EVENT_STORE) private readonly events: EventStore,
    @Inject(READ_MODELS) private readonly views: ReadModelStore,
    private readonly reviews: ReviewRepository,
  ) {}

  async execute(c: Publish): Promise<PublicationEvent['data']> {
    const { publisher } = c;
    const stream = publisher.body === 'branch' ? publicationStream(c.bureauId, publisher.branchId, c.year) : leadershipPublicationStream(c.bureauId, c.year);
    const history = await this.events.readStream(stream);
    const state = history.map((e) => ({ type: e.type, data: e.data }) as PublicationEvent).reduce(evolvePublication, initialPublicationState());
    // Candidates come from the view; each is confirmed on its own stream, so a lagging view never publishes an unapproved pledge.
    const scope = publisher.body === 'branch' ? { branchId: publisher.branchId } : { publisher: 'leading-group' };
    const candidates: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await this.views.collection<ReviewView>(REVIEWS).find({ bureauId: c.bureauId, ...scope, year: c.year, status: 'approved' }, { limit: 200, ...(cursor ? { cursor } : {}) });
      candidates.push(...page.items.map((r) => r.pledgeId));
      cursor = page.nextCursor;
    } while (cursor);
    const approved: string[] = [];
    for (const pledgeId of candidates) {
      const review = (await this.reviews.load(pledgeId)).state;
      const ours = publisher.body === 'branch' ? review.branchId === publisher.branchId : !review.branchId;
      if (review.status === 'approved' && ours) approved.push(pledgeId);
    }
    const decided = decidePublication({ type: 'PublishApproved', reviewer: c.reviewer, publicationId: c.publicationId, bureauId: c.bureauId, publisher, year: c.year, approved, at: new Date().toISOString() }, state);
    const meta = { ...c.meta, actorRole: publisher.body === 'branch' ? 'branch-secretary' : 'leading-group' };
    await this.events.append(stream, toNewEvents(decided, meta, c.bureauId), { expectedRevision: history.length === 0 ? 'no_stream' : history.length - 1 });
    return decided[0]!.data;
  }
}

export class SetDeadlines {
  constructor(
    readonly bureauId: string,
    readonly deadlines: Deadlines,
    readonly reviewer: Reviewer,
    readonly meta: CommandMeta,
  ) {}
}

@CommandHandler(SetDeadlines)
export class SetDeadlinesHandler implements ICommandHandler<SetDeadlines, Deadlines> {
  constructor(@Inject(EVENT_STORE) private readonly events: EventStore) {}

  async execute(c: SetDeadlines): Promise<Deadlines> {
    const decided = decideDeadlines({ reviewer: c.reviewer, deadlines: c.deadlines, at: new Date().toISOString() });
    await this.events.append(settingsStream(c.bureauId), toNewEvents(decided, c.meta, c.bureauId), { expectedRevision: 'any' });
    return c.deadlines;
  }
}
