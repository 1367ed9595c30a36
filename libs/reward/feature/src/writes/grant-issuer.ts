import { Injectable } from '@nestjs/common';
import type { EventMetadata } from '@pledgebook/event-store';
import { grantIdFor, initialGrantState, type Actor, type Basis, type Ground, type Recipient, type RewardContent } from '@pledgebook/reward-domain';
import { grantStream } from '../streams';
import { RewardLookups } from './lookups';
import { RewardWrites } from './reward-writes';

export interface GrantRequest extends RewardContent {
  bureauId: string;
  year: number;
  recipient: Recipient;
  ground: Ground;
  basis: Basis;
  title: string;
  reason?: string;
  actor: Actor;
  at: string;
  metadata: EventMetadata;
  idempotencySeed?: string;
}

/** Grants a reward through the one write path: the grant's stream follows from recipient, ground and basis. */
@Injectable()
export class GrantIssuer {
  constructor(
    private readonly writes: RewardWrites,
    private readonly lookups: RewardLookups,
  ) {}

  async grant(request: GrantRequest) {
    const { bureauId, recipient, ground, basis, metadata, idempotencySeed, ...rest } = request;
    const grantId = grantIdFor(bureauId, recipient, ground, basis);
    const result = await this.writes.grants.handle({
      stream: grantStream(bureauId, grantId),
      initialState: () => initialGrantState(grantId),
      metadata,
      ...(idempotencySeed ? { idempotencySeed } : {}),
      command: async () => ({ type: 'GrantReward' as const, grantId, bureauId, recipient, ground, basis, ...rest, facts: await this.lookups.grantFacts(bureauId, recipient, basis) }),
    });
    return { grantId, ...result };
  }
}
