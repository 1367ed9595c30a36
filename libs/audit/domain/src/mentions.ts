/** What an event names, found by walking its data: the subjects it concerns. */
export interface Mentions {
  pledgeIds: string[];
  memberIds: string[];
  branchIds: string[];
  bureauIds: string[];
  years: number[];
  /** Set when the data names a bureau's parent (a bureau registered under an authority). */
  parentBureauId?: string;
  /** Set when the data names a final result as its basis (`basis: {type: 'result'}`): a reward for fulfilment. */
  resultBasis?: boolean;
}

/** The part of a recorded event the audit index reads. */
export interface IndexedEvent {
  id: string;
  stream: string;
  revision: number;
  position: number;
  type: string;
  data: unknown;
  metadata: { bureauId: string; correlationId: string; causationId: string; [extra: string]: unknown };
  recordedAt: string;
}

const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';
/**
 * `<context>-<uuid>`: a stream of one aggregate keyed by a pledge id (`pledge-…`, `review-…`, and
 * later contexts alike). The context is one word: `reward-selection-<uuid>` and
 * `reward-research-work-<uuid>` are keyed by ids of their own, not by a pledge.
 */
const AGGREGATE_STREAM = new RegExp(`^[a-z][a-z0-9]*-(${UUID})$`, 'i');
/** A year as a dotted or dashed part of a stream name (`pledgebook-weihai.wang.2026`, `review-publications-weihai.branch-1.2026`). */
const STREAM_YEAR = /[.-]((?:20|21)\d\d)(?:[.-]|$)/;
const MONTH = /^((?:20|21)\d\d)-(0[1-9]|1[0-2])$/;
const PLEDGE_SUBJECT = new RegExp(`^pledges/(${UUID})$`, 'i');
/** Deep enough for recorded integration events (data.data.pledger.memberIds) and nested lists. */
const MAX_DEPTH = 6;

export const pledgeIdOfStream = (stream: string): string | undefined => AGGREGATE_STREAM.exec(stream)?.[1]?.toLowerCase();

export function yearOfStream(stream: string): number | undefined {
  const match = STREAM_YEAR.exec(stream);
  return match ? Number(match[1]) : undefined;
}

/** The programme year of an instant: the calendar year in China Standard Time (UTC+8). */
export const programmeYearAt = (iso: string): number => new Date(Date.parse(iso) + 8 * 3_600_000).getUTCFullYear();

const isYear = (value: unknown): value is number => typeof value === 'number' && Number.isInteger(value) && value >= 2000 && value <= 2200;
const strings = (value: unknown): string[] => (Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : typeof value === 'string' ? [value] : []);

/**
 * Walks an event's data for the fields every context uses to name its subjects: `pledgeId(s)`,
 * `memberId(s)`, `branchId`, `bureauId`, `year` and `month` (`YYYY-MM`), and a CloudEvents
 * `subject` of `pledges/<id>` (recorded integration events); and the names the reward service
 * gives members — a work's `authors`, a selection's `selected`, a grant's `recipient`. Restricted
 * and personal fields are not read.
 */
export function mentionsOf(data: unknown): Mentions {
  const found = { pledgeIds: new Set<string>(), memberIds: new Set<string>(), branchIds: new Set<string>(), bureauIds: new Set<string>(), years: new Set<number>() };
  let parentBureauId: string | undefined;
  let resultBasis = false;
  const walk = (value: unknown, depth: number): void => {
    if (depth > MAX_DEPTH || value === null || typeof value !== 'object') return;
    if (Array.isArray(value)) {
      for (const item of value) walk(item, depth + 1);
      return;
    }
    for (const [key, field] of Object.entries(value as Record<string, unknown>)) {
      switch (key) {
        case 'restricted':
        case 'personal':
          continue;
        case 'pledgeId':
        case 'pledgeIds':
          for (const id of strings(field)) found.pledgeIds.add(id.toLowerCase());
          continue;
        case 'memberId':
        case 'memberIds':
        case 'authors':
        case 'selected':
          for (const id of strings(field)) found.memberIds.add(id);
          continue;
        case 'recipient': {
          // A reward's recipient: a member, or a unit (filed like a branch; an unknown unit's key is merely unused).
          const recipient = field as { type?: unknown; id?: unknown } | null;
          if (recipient && typeof recipient.id === 'string' && recipient.type === 'member') found.memberIds.add(recipient.id);
          else if (recipient && typeof recipient.id === 'string' && recipient.type === 'unit') found.branchIds.add(recipient.id);
          continue;
        }
        case 'basis':
          if (field && typeof field === 'object' && (field as { type?: unknown }).type === 'result') resultBasis = true;
          walk(field, depth + 1);
          continue;
        case 'branchId':
          for (const id of strings(field)) found.branchIds.add(id);
          continue;
        case 'bureauId':
          for (const id of strings(field)) found.bureauIds.add(id);
          continue;
        case 'parentBureauId':
          if (typeof field === 'string') parentBureauId = field;
          continue;
        case 'year':
          if (isYear(field)) found.years.add(field);
          continue;
        case 'month': {
          const match = typeof field === 'string' ? MONTH.exec(field) : null;
          if (match) found.years.add(Number(match[1]));
          continue;
        }
        case 'subject': {
          const match = typeof field === 'string' ? PLEDGE_SUBJECT.exec(field) : null;
          if (match) found.pledgeIds.add(match[1]!.toLowerCase());
          continue;
        }
        default:
          walk(field, depth + 1);
      }
    }
  };
  walk(data, 0);
  return {
    pledgeIds: [...found.pledgeIds],
    memberIds: [...found.memberIds],
    branchIds: [...found.branchIds],
    bureauIds: [...found.bureauIds],
    years: [...found.years],
    ...(parentBureauId ? { parentBureauId } : {}),
    ...(resultBasis ? { resultBasis } : {}),
  };
}
