import { ResearchWorkRated, RewardGranted, RewardRevoked, SelectionDecided, SelectionObjectionUpheld, Topics, type EventData } from '@pledgebook/contracts';
import type { RecordedEvent } from '@pledgebook/event-store';
import { cloudEventFrom, type IntegrationMessage } from '@pledgebook/message-bus';
import { materialFen, type GrantEvent, type ResearchWorkEvent, type SelectionEvent } from '@pledgebook/reward-domain';
import { PREFIX } from '../streams';

const SERVICE = 'reward-service';

function message<D>(event: RecordedEvent, key: string, type: string, subject: string, data: D): IntegrationMessage {
  return { topic: Topics.reward, key, value: cloudEventFrom(event, { service: SERVICE, type, subject, data }) };
}

function selection(event: RecordedEvent, e: SelectionEvent): IntegrationMessage[] {
  if (e.type === 'SelectionObjectionUpheld') {
    // Who is no longer selected, and who remains; the objection itself stays inside.
    const u = e.data;
    const upheld: EventData<typeof SelectionObjectionUpheld> = { bureauId: u.bureauId, selectionId: u.selectionId, year: u.year, memberId: u.memberId, selected: u.selected, upheldAt: u.at };
    return [message(event, u.selectionId, SelectionObjectionUpheld.type, `selections/${u.selectionId}`, upheld)];
  }
  if (e.type !== 'SelectionDecided') return [];
  const d = e.data;
  const data: EventData<typeof SelectionDecided> = {
    bureauId: d.bureauId,
    selectionId: d.selectionId,
    year: d.year,
    honourId: d.honourId,
    title: d.title,
    quota: d.quota,
    meetingDate: d.meeting.date,
    selected: d.selected,
    decidedAt: d.decidedAt,
  };
  return [message(event, d.selectionId, SelectionDecided.type, `selections/${d.selectionId}`, data)];
}

function grant(event: RecordedEvent, e: GrantEvent): IntegrationMessage[] {
  const subject = `grants/${e.data.grantId}`;
  if (e.type === 'GrantRevoked') {
    const data: EventData<typeof RewardRevoked> = { bureauId: e.data.bureauId, grantId: e.data.grantId, year: e.data.year, revokedAt: e.data.revokedAt };
    return [message(event, e.data.grantId, RewardRevoked.type, subject, data)];
  }
  const g = e.data;
  const data: EventData<typeof RewardGranted> = {
    bureauId: g.bureauId,
    grantId: g.grantId,
    year: g.year,
    recipient: { type: g.recipient.type, id: g.recipient.id },
    ground: g.ground,
    basis: { type: g.basis.type, id: g.basis.id },
    title: g.title,
    spiritual: [...g.spiritual],
    ...(g.material ? { material: { kind: g.material.kind, amountFen: materialFen(g) } } : {}),
    grantedAt: g.grantedAt,
  };
  return [message(event, g.grantId, RewardGranted.type, subject, data)];
}

function work(event: RecordedEvent, e: ResearchWorkEvent): IntegrationMessage[] {
  if (e.type !== 'ResearchWorkRated') return [];
  const w = e.data;
  const data: EventData<typeof ResearchWorkRated> = {
    bureauId: w.bureauId,
    workId: w.workId,
    year: w.year,
    categoryId: w.categoryId,
    levelId: w.levelId,
    amountFen: w.amountFen,
    authors: w.shares.map((s) => ({ memberId: s.memberId, shareFen: s.shareFen })),
    ...(w.bonusPoints !== undefined ? { appraisalBonusPoints: w.bonusPoints } : {}),
    ratedAt: w.ratedAt,
  };
  return [message(event, w.workId, ResearchWorkRated.type, `research-works/${w.workId}`, data)];
}

/**
 * Domain events → pledgebook.reward.v1 (key: the selection, grant or work id). Each mapping
 * copies named fields only: no names, nomination reasons, minutes, evidence or revocation reasons.
 */
export function mapRewardServiceEvent(event: RecordedEvent): IntegrationMessage[] {
  const e = { type: event.type, data: event.data };
  if (event.stream.startsWith(PREFIX.selection)) return selection(event, e as SelectionEvent);
  if (event.stream.startsWith(PREFIX.grant)) return grant(event, e as GrantEvent);
  if (event.stream.startsWith(PREFIX.researchWork)) return work(event, e as ResearchWorkEvent);
  return [];
}
