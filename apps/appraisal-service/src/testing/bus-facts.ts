import { dataSchemaUri, type CloudEvent } from '@pledgebook/contracts';
import { openMessageBus } from '@pledgebook/infrastructure';
import { newId } from '@pledgebook/util';
import { join } from 'node:path';

/** Who publishes the facts: the service, its topic, and what its events carry of their origin. */
export interface FactSource {
  service: string;
  topic: string;
  actorId: string;
  /** The event store stream an event of this key came from. */
  streamId(key: string): string;
  hash: string;
}

/**
 * Integration events another service publishes, collected in order and put on the bus the
 * appraisal service reads in one go — valid CloudEvents, which its consumers check against their
 * contracts as they do the real ones.
 */
export abstract class BusFacts {
  private readonly events: Array<{ key: string; value: CloudEvent }> = [];

  protected constructor(
    readonly bureauId: string,
    private readonly from: FactSource,
  ) {}

  /** One event of `type`; `id` names the message (the same id again is a redelivery). */
  protected add(type: string, key: string, subject: string, data: Record<string, unknown>, id = newId()): this {
    this.events.push({
      key,
      value: {
        specversion: '1.0',
        id,
        source: `/bureaus/${this.bureauId}/${this.from.service}`,
        type,
        subject,
        time: new Date().toISOString(),
        datacontenttype: 'application/json',
        dataschema: dataSchemaUri(type),
        data,
        bureauid: this.bureauId,
        actorid: this.from.actorId,
        correlationid: newId(),
        causationid: id,
        streamid: this.from.streamId(key),
        streamrevision: this.events.length,
        hash: this.from.hash,
      },
    });
    return this;
  }

  async publish(dataDir: string): Promise<void> {
    const bus = await openMessageBus(`sqlite:${join(dataDir, 'bus.db')}`);
    try {
      await bus.publish(this.from.topic, this.events.splice(0));
    } finally {
      await bus.close();
    }
  }
}
