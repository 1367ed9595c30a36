import { Logger, type BeforeApplicationShutdown, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { EventStore } from '@pledgebook/event-store';
import type { MessageBus } from '@pledgebook/message-bus';
import { ContextRuntime, type Metrics } from '@pledgebook/nest';
import type { ReadModelStore } from '@pledgebook/read-model';
import type { ReminderSettings } from '../config';
import { BUREAUS, MEMBERS, REVIEWS, TALKS, reminderDirectoryProjection } from './directory.projection';
import { DueScan } from './due-scan';
import { reminderFactsConsumer, serviceFactsPolicy } from './facts-intake';
import { INBOX, inboxProjection } from './inbox.projection';
import { issueRemindersPolicy } from './issue.policy';
import { mailRemindersPolicy } from './mail.policy';
import type { Mailer } from './mailer';
import type { PersonWrites } from './person-writes';

export interface ReminderParts {
  events: EventStore;
  bus: MessageBus;
  views: ReadModelStore;
  writes: PersonWrites;
  mailer?: Mailer;
  now: () => Date;
}

/**
 * The reminders' work beside their routes: facts from the bus and the services' streams, the
 * directory and inbox views, issuing, mail (when an SMTP server is configured), and the due scan.
 * Under the context runtime's lease in the `worker` role; `api` runs none of it.
 */
export class RemindersRuntime implements OnApplicationBootstrap, BeforeApplicationShutdown, OnApplicationShutdown {
  private readonly logger = new Logger('reminders');
  private readonly runtime: ContextRuntime;
  private readonly scan: DueScan;

  constructor(
    private readonly parts: ReminderParts,
    private readonly settings: Pick<ReminderSettings, 'processRole' | 'workerLeaseTtlMs' | 'timeZone' | 'scanIntervalMs'>,
    metrics: Metrics,
  ) {
    const { events, views, writes, mailer, now } = parts;
    this.runtime = new ContextRuntime(
      { events, bus: parts.bus, views, metrics },
      {
        name: 'gateway-reminders',
        projections: [reminderDirectoryProjection, inboxProjection],
        indexes: { [MEMBERS]: [{ fields: ['bureauId', 'groupId'] }, { fields: ['bureauId', 'branchId'] }], [REVIEWS]: [{ fields: ['bureauId'] }], [TALKS]: [{ fields: ['bureauId'] }], [BUREAUS]: [{ fields: ['bureauId'] }], [INBOX]: [{ fields: ['bureauId', 'memberId', 'issuedAt'] }, { fields: ['bureauId', 'memberId', 'read'] }] },
        consumers: [reminderFactsConsumer(events)],
        policies: ({ projection }) => [
          serviceFactsPolicy(events),
          issueRemindersPolicy({ events, views, writes, directoryCheckpoint: () => projection(reminderDirectoryProjection.name).checkpoint() }),
          ...(mailer ? [mailRemindersPolicy(mailer, writes, now)] : []),
        ],
      },
      { role: settings.processRole, leaseTtlMs: settings.workerLeaseTtlMs },
    );
    this.scan = new DueScan(events, views, { timeZone: settings.timeZone, intervalMs: settings.scanIntervalMs }, now, (error) => this.logger.warn(`due scan: ${error instanceof Error ? error.message : String(error)}`));
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.runtime.start();
    // Findings are appended once by id, so a second scanning process adds nothing.
    if (this.settings.processRole !== 'api') this.scan.start();
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.scan.stop();
    await this.runtime.stop();
  }

  async onApplicationShutdown(): Promise<void> {
    this.parts.mailer?.close();
    await Promise.allSettled([this.parts.bus.close(), this.parts.views.close()]);
    await this.parts.events.close();
  }
}
