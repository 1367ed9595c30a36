import { ResearchWorkRated, RewardGranted, RewardRevoked, Topics, type EventData } from '@pledgebook/contracts';
import { newId } from '@pledgebook/util';
import { BusFacts } from './bus-facts';

/**
 * Publishes reward-service integration events to the bus the appraisal service reads, as the
 * reward service publishes them: research works rated, the grants of their shares, revocations.
 */
export class RewardFacts extends BusFacts {
  constructor(bureauId: string) {
    super(bureauId, { service: 'reward-service', topic: Topics.reward, actorId: 'zhou', streamId: (key) => `reward-${key}`, hash: 'b'.repeat(64) });
  }

  /** A work rated; the same message again (a redelivery) when given the same message id. */
  rated(workId: string, data: Omit<EventData<typeof ResearchWorkRated>, 'bureauId' | 'workId'>, messageId = newId()): this {
    return this.add(ResearchWorkRated.type, workId, `research-works/${workId}`, { bureauId: this.bureauId, workId, ...data }, messageId);
  }

  granted(grantId: string, memberId: string, ground: 'research' | 'selection', basisId: string, year: number, amountFen: number): this {
    const data: EventData<typeof RewardGranted> = {
      bureauId: this.bureauId,
      grantId,
      year,
      recipient: { type: 'member', id: memberId },
      ground,
      basis: { type: ground === 'research' ? 'research-work' : 'selection', id: basisId },
      title: ground === 'research' ? '调研成果奖励' : '优秀共产党员',
      spiritual: [],
      material: { kind: 'money', amountFen },
      grantedAt: new Date().toISOString(),
    };
    return this.add(RewardGranted.type, grantId, `grants/${grantId}`, data);
  }

  revoked(grantId: string, year: number): this {
    const data: EventData<typeof RewardRevoked> = { bureauId: this.bureauId, grantId, year, revokedAt: new Date().toISOString() };
    return this.add(RewardRevoked.type, grantId, `grants/${grantId}`, data);
  }
}
