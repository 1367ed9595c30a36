import { Inject, Injectable } from '@nestjs/common';
import { DeciderCommandHandler, type EventStore } from '@pledgebook/event-store';
import { EVENT_STORE } from '@pledgebook/nest';
import { grantDecider, openingTotalsDecider, researchSchemeDecider, researchWorkDecider, rewardPolicyDecider, selectionDecider } from '@pledgebook/reward-domain';

/**
 * The one write path for every reward record (DeciderCommandHandler): load the stream once,
 * check access, decide, append with the expected revision; a retried request appends nothing.
 */
@Injectable()
export class RewardWrites {
  readonly policies: DeciderCommandHandler<Parameters<typeof rewardPolicyDecider.decide>[0], ReturnType<typeof rewardPolicyDecider.decide>[number], ReturnType<typeof rewardPolicyDecider.initialState>>;
  readonly selections: DeciderCommandHandler<Parameters<typeof selectionDecider.decide>[0], ReturnType<typeof selectionDecider.decide>[number], ReturnType<typeof selectionDecider.initialState>>;
  readonly grants: DeciderCommandHandler<Parameters<typeof grantDecider.decide>[0], ReturnType<typeof grantDecider.decide>[number], ReturnType<typeof grantDecider.initialState>>;
  readonly schemes: DeciderCommandHandler<Parameters<typeof researchSchemeDecider.decide>[0], ReturnType<typeof researchSchemeDecider.decide>[number], ReturnType<typeof researchSchemeDecider.initialState>>;
  readonly works: DeciderCommandHandler<Parameters<typeof researchWorkDecider.decide>[0], ReturnType<typeof researchWorkDecider.decide>[number], ReturnType<typeof researchWorkDecider.initialState>>;
  readonly openings: DeciderCommandHandler<Parameters<typeof openingTotalsDecider.decide>[0], ReturnType<typeof openingTotalsDecider.decide>[number], ReturnType<typeof openingTotalsDecider.initialState>>;

  constructor(@Inject(EVENT_STORE) readonly events: EventStore) {
    this.policies = new DeciderCommandHandler(events, rewardPolicyDecider);
    this.selections = new DeciderCommandHandler(events, selectionDecider);
    this.grants = new DeciderCommandHandler(events, grantDecider);
    this.schemes = new DeciderCommandHandler(events, researchSchemeDecider);
    this.works = new DeciderCommandHandler(events, researchWorkDecider);
    this.openings = new DeciderCommandHandler(events, openingTotalsDecider);
  }
}
