import type { RecordedEvent } from '@pledgebook/event-store';
import type { Projection, ProjectionContext } from '@pledgebook/read-model';
import {
  grantDecider,
  researchSchemeDecider,
  researchWorkDecider,
  rewardPolicyDecider,
  selectionDecider,
  type GrantEvent,
  type ResearchSchemeEvent,
  type ResearchWorkEvent,
  type RewardPolicyEvent,
  type SelectionEvent,
} from '@pledgebook/reward-domain';
import { PREFIX } from '../streams';
import { GRANTS, POLICIES, RESEARCH_SCHEMES, RESEARCH_WORKS, SELECTIONS } from './views';

/** One collection per kind of record: its stream prefix, its decider's fold, and where a document lives. */
interface Kind {
  collection: string;
  evolve(state: never, event: never): object;
  initial(event: RecordedEvent): Record<string, unknown>;
  key(event: RecordedEvent): { _id: string; bureauId: string; extra?: Record<string, unknown> };
}

const data = (e: RecordedEvent) => e.data as Record<string, unknown>;
const idAfter = (prefix: string) => (e: RecordedEvent) => e.stream.slice(prefix.length);

const KINDS: Array<[string, Kind]> = [
  [
    PREFIX.policy,
    {
      collection: POLICIES,
      evolve: rewardPolicyDecider.evolve as never,
      initial: () => ({ ...rewardPolicyDecider.initialState() }),
      key: (e) => ({ _id: `${String(data(e).bureauId)}/${String(data(e).year)}`, bureauId: String(data(e).bureauId), extra: { year: data(e).year } }),
    },
  ],
  [
    PREFIX.selection,
    {
      collection: SELECTIONS,
      evolve: selectionDecider.evolve as never,
      initial: (e) => ({ ...selectionDecider.initialState(idAfter(PREFIX.selection)(e)) }),
      key: (e) => ({ _id: idAfter(PREFIX.selection)(e), bureauId: e.metadata.bureauId }),
    },
  ],
  [
    PREFIX.grant,
    {
      collection: GRANTS,
      evolve: grantDecider.evolve as never,
      initial: (e) => ({ ...grantDecider.initialState(String(data(e).grantId)) }),
      key: (e) => {
        const d = data(e) as { grantId: string; bureauId: string; year: number; recipient?: { type: string; id: string } };
        return { _id: d.grantId, bureauId: d.bureauId, extra: { year: d.year, ...(d.recipient ? { recipientKey: `${d.recipient.type}:${d.recipient.id}` } : {}) } };
      },
    },
  ],
  [
    PREFIX.researchScheme,
    {
      collection: RESEARCH_SCHEMES,
      evolve: researchSchemeDecider.evolve as never,
      initial: () => ({ ...researchSchemeDecider.initialState() }),
      key: (e) => ({ _id: `${String(data(e).bureauId)}/${String(data(e).year)}`, bureauId: String(data(e).bureauId), extra: { year: data(e).year } }),
    },
  ],
  [
    PREFIX.researchWork,
    {
      collection: RESEARCH_WORKS,
      evolve: researchWorkDecider.evolve as never,
      initial: (e) => ({ ...researchWorkDecider.initialState(idAfter(PREFIX.researchWork)(e)) }),
      key: (e) => ({ _id: idAfter(PREFIX.researchWork)(e), bureauId: e.metadata.bureauId }),
    },
  ],
];

type AnyRewardEvent = RewardPolicyEvent | SelectionEvent | GrantEvent | ResearchSchemeEvent | ResearchWorkEvent;

/**
 * Policies, selections, grants, research schemes and works as lists read them: each document is
 * its record's state, folded by the record's own decider (the same fold a write starts from).
 */
export const recordsProjection: Projection = {
  name: 'reward-records',
  version: 1,
  collections: [POLICIES, SELECTIONS, GRANTS, RESEARCH_SCHEMES, RESEARCH_WORKS],
  filter: { streamPrefixes: KINDS.map(([prefix]) => prefix) },
  async apply(event: RecordedEvent, ctx: ProjectionContext) {
    const kind = KINDS.find(([prefix]) => event.stream.startsWith(prefix))?.[1];
    if (!kind) return;
    const { _id, bureauId, extra } = kind.key(event);
    const collection = ctx.collection(kind.collection);
    const current = (await collection.findById(_id)) as Record<string, unknown> | undefined;
    const { _id: _k, bureauId: _b, revision: _r, updatedAt: _u, year: _y, recipientKey: _rk, ...state } = current ?? kind.initial(event);
    const next = kind.evolve(state as never, { type: event.type, data: event.data } as AnyRewardEvent as never);
    await collection.replace({ ...next, ...(current ? { year: current.year, recipientKey: current.recipientKey } : {}), ...extra, _id, bureauId, revision: event.revision, updatedAt: event.recordedAt }, { stream: event.stream, revision: event.revision });
  },
};
