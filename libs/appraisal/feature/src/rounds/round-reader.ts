import { Injectable } from '@nestjs/common';
import type { RoundState } from '@pledgebook/appraisal-domain';
import { roundId } from '../streams';
import { AppraisalStreams } from '../write/appraisal-streams';

const KEEP = 32;

/**
 * Rounds folded from their streams for reads (explanations, results, what-if). A fold is kept
 * per stream and revision: a read first asks the store for the stream's revision (one indexed
 * lookup) and folds again only when the round has moved on, so an explanation costs the
 * explaining, not the replay of the round.
 */
@Injectable()
export class RoundReader {
  private readonly folds = new Map<string, { revision: number; state: RoundState }>();

  constructor(private readonly streams: AppraisalStreams) {}

  async load(bureauId: string, year: number, half: string): Promise<{ state: RoundState; revision: number }> {
    const id = roundId(bureauId, year, half);
    const current = (await this.streams.revision('round', id)) ?? -1;
    const kept = this.folds.get(id);
    if (kept && kept.revision === current) return kept;
    const loaded = await this.streams.load('round', id);
    const fold = { revision: loaded.revision, state: loaded.state };
    this.folds.delete(id);
    this.folds.set(id, fold);
    if (this.folds.size > KEEP) this.folds.delete(this.folds.keys().next().value!);
    return fold;
  }
}
