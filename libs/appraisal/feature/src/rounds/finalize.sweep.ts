import { Logger } from '@nestjs/common';
import type { CommandBus } from '@nestjs/cqrs';
import { localDate, type RoundCommand } from '@pledgebook/appraisal-domain';
import type { CommandMeta } from '@pledgebook/nest';
import type { ReadModelStore } from '@pledgebook/read-model';
import { DomainError, newId, type Clock } from '@pledgebook/util';
import { all } from '../context/all';
import { ROUNDS, type RoundView } from '../views/names';
import { DecideAppraisal } from '../write/decide-appraisal';

/**
 * Results become final by themselves: a periodic sweep in the worker finalizes every round whose
 * notices are all over (by the dates stored when each notice was posted, counted on the bureau's
 * calendar then) with no objection open and nobody being rescored (ADR 0064). The decider checks
 * all of it again on the round's stream; the view only says where to look.
 */
export class FinalizeSweep {
  private readonly logger = new Logger('appraisal-finalize');
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;

  constructor(
    private readonly views: ReadModelStore,
    private readonly commands: CommandBus,
    private readonly clock: Clock,
    private readonly intervalMs = 60_000,
  ) {}

  start(): void {
    const tick = () => {
      this.running = this.sweep()
        .then(() => undefined)
        .catch((error: unknown) => this.logger.warn(`sweep failed: ${error instanceof Error ? error.message : String(error)}`))
        .finally(() => {
          if (this.timer !== undefined) this.timer = setTimeout(tick, this.intervalMs);
        });
    };
    this.timer = setTimeout(tick, 1_000);
  }

  async stop(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    await this.running;
  }

  /** One pass: the rounds due to be final today. */
  async sweep(): Promise<string[]> {
    const at = this.clock.now().toISOString();
    const today = localDate(at);
    const due = (await all<RoundView>(this.views, ROUNDS, { status: 'on-notice' })).filter((r) => r.noticeEndsOn !== undefined && r.noticeEndsOn < today && r.openObjections <= 0 && r.rescoring <= 0);
    const finalized: string[] = [];
    for (const round of due) {
      const correlationId = newId();
      // The same ids for every attempt on this round: a sweep after a crash appends nothing twice.
      const meta: CommandMeta = { bureauId: round.bureauId, actorId: 'system', actorRole: 'system', correlationId, causationId: correlationId, idempotencySeed: `finalize|${round._id}` };
      const command: RoundCommand = { type: 'FinalizeRound', at };
      try {
        const result = await this.commands.execute(new DecideAppraisal('round', round._id, command, meta));
        if (result.recorded.length) finalized.push(round._id);
      } catch (error) {
        // Not yet (an objection came in, a notice was renewed): the next sweep looks again.
        if (!(error instanceof DomainError)) throw error;
      }
    }
    if (finalized.length) this.logger.log(`finalized ${finalized.join(', ')}`);
    return finalized;
  }
}
