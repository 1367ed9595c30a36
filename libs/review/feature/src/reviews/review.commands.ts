import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { EventStore } from '@pledgebook/event-store';
import { alreadyApplied, EVENT_STORE, READ_MODELS, toNewEvents, type CommandMeta } from '@pledgebook/nest';
import type { ReadModelStore } from '@pledgebook/read-model';
import {
  decideDeadlines,
  decidePublication,
  decideReview,
  evolvePublication,
  evolveReview,
  initialPublicationState,
  type Deadlines,
  type PublicationEvent,
  type Reviewer,
  type ReviewCommand,
  type ReviewState,
} from '@pledgebook/review-domain';
import { REVIEWS, type ReviewView } from '../projections/views';
import { publicationStream, reviewStream, settingsStream } from '../streams';
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
    const result = await this.events.append(reviewStream(pledgeId), toNewEvents(decided, meta, bureauId), {
      expectedRevision: loaded.revision < 0 ? 'no_stream' : loaded.revision,
    });
    return { pledgeId, revision: result.nextExpectedRevision, state: decided.reduce(evolveReview, loaded.state), recorded: decided.map((e) => e.type) };
  }
}

export class PublishBranch {
  constructor(
    readonly bureauId: string,
    readonly branchId: string,
    readonly year: number,
    readonly publicationId: string,
    readonly reviewer: Reviewer,
    readonly meta: CommandMeta,
  ) {}
}

@CommandHandler(PublishBranch)
export class PublishBranchHandler implements ICommandHandler<PublishBranch, PublicationEvent['data']> {
  constructor(
    @Inject(EVENT_STORE) private readonly events: EventStore,
    @Inject(READ_MODELS) private readonly views: ReadModelStore,
    private readonly reviews: ReviewRepository,
  ) {}

  async execute(c: PublishBranch): Promise<PublicationEvent['data']> {
    const stream = publicationStream(c.bureauId, c.branchId, c.year);
    const history = await this.events.readStream(stream);
    const state = history.map((e) => ({ type: e.type, data: e.data }) as PublicationEvent).reduce(evolvePublication, initialPublicationState());
    // Candidates come from the view; each is confirmed on its own stream, so a lagging view never publishes an unapproved pledge.
    const candidates: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await this.views.collection<ReviewView>(REVIEWS).find({ bureauId: c.bureauId, branchId: c.branchId, year: c.year, status: 'approved' }, { limit: 200, ...(cursor ? { cursor } : {}) });
      candidates.push(...page.items.map((r) => r.pledgeId));
      cursor = page.nextCursor;
    } while (cursor);
    const approved: string[] = [];
    for (const pledgeId of candidates) if ((await this.reviews.load(pledgeId)).state.status === 'approved') approved.push(pledgeId);
    const decided = decidePublication(
      { type: 'PublishApproved', reviewer: c.reviewer, publicationId: c.publicationId, bureauId: c.bureauId, branchId: c.branchId, year: c.year, approved, at: new Date().toISOString() },
      state,
    );
    await this.events.append(stream, toNewEvents(decided, c.meta, c.bureauId), { expectedRevision: history.length === 0 ? 'no_stream' : history.length - 1 });
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
