import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { EventStore } from '@pledgebook/event-store';
import { alreadyApplied, EVENT_STORE, READ_MODELS, toNewEvents, type CommandMeta } from '@pledgebook/nest';
import type { ReadModelStore } from '@pledgebook/read-model';
import {
  actingRoleOf,
  decideDeadlines,
  decidePublication,
  decideReview,
  evolvePublication,
  evolveReview,
  initialPublicationState,
  type Deadlines,
  type PublicationEvent,
  type Publisher,
  type Reviewer,
  type ReviewCommand,
  type ReviewState,
} from '@pledgebook/review-domain';
import { REVIEWS, type ReviewView } from '../projections/views';
import { leadershipPublicationStream, publicationStream, reviewStream, settingsStream } from '../streams';
import { ReviewRepository } from './review.repository';

export interface ReviewWriteResult {
  pledgeId: string;
  revision: number;
  /** The review after the command. */
  state: ReviewState;
  /** The events this command appended (empty when it changed nothing). */
  recorded: string[];
}

export class DecideReview {
  constructor(
    readonly pledgeId: string,
    readonly command: ReviewCommand,
    readonly meta: CommandMeta,
  ) {}
}

@CommandHandler(DecideReview)
export class DecideReviewHandler implements ICommandHandler<DecideReview, ReviewWriteResult> {
  constructor(
    @Inject(EVENT_STORE) private readonly events: EventStore,
    private readonly reviews: ReviewRepository,
  ) {}

  async execute({ pledgeId, command, meta }: DecideReview): Promise<ReviewWriteResult> {
    const loaded = await this.reviews.load(pledgeId);
    // A retry of a request (or a redelivered message) whose events are already in the stream.
    if (alreadyApplied(loaded.events, meta)) return { pledgeId, revision: loaded.revision, state: loaded.state, recorded: [] };
    const decided = decideReview(command, loaded.state);
    if (decided.length === 0) return { pledgeId, revision: loaded.revision, state: loaded.state, recorded: [] };
    const bureauId = command.type === 'OpenRound' ? command.bureauId : loaded.state.bureauId;
    // The stream records the role the decision was taken in, not the caller's highest role.
    const role = actingRoleOf(decided);
    const result = await this.events.append(reviewStream(pledgeId), toNewEvents(decided, role ? { ...meta, actorRole: role } : meta, bureauId), {
      expectedRevision: loaded.revision < 0 ? 'no_stream' : loaded.revision,
    });
    return { pledgeId, revision: result.nextExpectedRevision, state: decided.reduce(evolveReview, loaded.state), recorded: decided.map((e) => e.type) };
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
