import type { RecordedEvent } from '@pledgebook/event-store';
import type { Projection, ProjectionContext, RebuildFold } from '@pledgebook/read-model';
import { StoredStatisticsParts } from './statistics-parts';
import { STATISTICS_STREAM_PREFIXES } from './statistics-facts';
import { STAT_BOOKS, STAT_PLACEMENTS, STAT_ROLLUPS } from './statistics.views';

/** Applies a batch of events: parts read once, the fold in memory, each touched part written once. */
async function applyBatch(events: readonly RecordedEvent[], ctx: ProjectionContext): Promise<void> {
  const parts = new StoredStatisticsParts();
  await parts.fold(ctx, events);
  await parts.save(ctx);
}

/**
 * Documents a rebuild holds in memory before it writes them out and goes on (reading back those
 * it needs again). The benchmark's 150 bureaus × 50 members × a year hold about 8,100.
 */
export const REBUILD_HELD_DOCUMENTS = 20_000;

/**
 * A rebuild folds the whole stream into parts held across batches and writes each document once
 * (ADR 0088), not once a batch: nothing is in the fresh generation to read, and a book or rollup
 * touched every month of the year is written once instead of a dozen times.
 */
export function statisticsRebuildFold(heldDocuments = REBUILD_HELD_DOCUMENTS): RebuildFold {
  let parts = new StoredStatisticsParts();
  return {
    async applyBatch(events, ctx) {
      await parts.fold(ctx, events);
      if (parts.held < heldDocuments) return;
      await parts.save(ctx);
      parts = new StoredStatisticsParts();
    },
    flush: (ctx) => parts.save(ctx),
  };
}

/**
 * The statistics read models (ADR 0060, 0085): books with their kept records, each bureau-year's
 * rollup (books added up per place, checks, results, grants), and where members and units sit —
 * folded from the facts streams, grants and opening totals. Batches are applied at once: each
 * touched document is read and written once a batch (once a rebuild, when rebuilt). Version 4: records in their book's
 * document, rollups without per-book or per-check entries.
 */
export const statisticsProjection: Projection & { applyBatch: typeof applyBatch; rebuildFold: () => RebuildFold } = {
  name: 'reward-statistics',
  version: 4,
  collections: [STAT_BOOKS, STAT_ROLLUPS, STAT_PLACEMENTS],
  filter: { streamPrefixes: STATISTICS_STREAM_PREFIXES },
  apply: (event, ctx) => applyBatch([event], ctx),
  applyBatch,
  rebuildFold: () => statisticsRebuildFold(),
};

/** The indexes the statistics read models need (a bureau's rollups by year). */
export const STATISTICS_INDEXES = {
  [STAT_ROLLUPS]: [{ fields: ['bureauId', 'year'] }],
};
