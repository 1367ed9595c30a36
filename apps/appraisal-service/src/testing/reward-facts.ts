import { dataSchemaUri, ResearchWorkRated, RewardGranted, RewardRevoked, Topics, type CloudEvent, type EventData } from '@pledgebook/contracts';
import { openMessageBus } from '@pledgebook/infrastructure';
import { newId } from '@pledgebook/util';
import { join } from 'node:path';

/**
 * Publishes reward-service integration events to the bus the appraisal service reads, as the
 * reward service publishes them: research works rated, the grants of their shares, revocations.
 * The consumer validates each against its contract, as it does the real ones.
 */
export class RewardFacts {
  private readonly events: Array<{ key: string; value: CloudEvent }> = [];

  constructor(readonly bureauId: string) {}

  private add(type: string, key: string, subject: string, data: Record<string, unknown>, id = newId()): this {
    this.events.push({
      key,
      value: {
        specversion: '1.0',
        id,
        source: `/bureaus/${this.bureauId}/reward-service`,
        type,
        subject,
        time: new Date().toISOString(),
        datacontenttype: 'application/json',
        dataschema: dataSchemaUri(type),
        data,
        bureauid: this.bureauId,
        actorid: 'zhou',
        correlationid: newId(),
        causationid: id,
        streamid: `reward-${key}`,
        streamrevision: 0,
        hash: 'b'.repeat(64),
      },
    });
    return this;
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

  async publish(dataDir: string): Promise<void> {
    const bus = await openMessageBus(`sqlite:${join(dataDir, 'bus.db')}`);
    try {
      await bus.publish(Topics.reward, this.events.splice(0));
    } finally {
      await bus.close();
    }
  }
}
