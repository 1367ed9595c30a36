import { hasRole, type Actor } from '../actor';
import { conflict, forbidden, invalid, notFound, wrongState } from '../errors';
import { checkProgrammeRules } from '../programme/programme-rules';
import { isYearOpen, programmeDateOf, programmeYearOf } from '../programme/programme-year';
import type { CollectiveContext, PledgeCommand } from './commands';
import type { PledgeEvent } from './events';
import { COLLECTIVE_OFFICERS, isCollectiveOfficer, isPledgingUnitType } from './officers';
import type { PledgeState } from './state';
import type { EvidenceFile, FulfilmentInput, Pledger, PledgeStatus } from './types';
import { LIMITS, validateItems } from './validate-items';

const EDITABLE: PledgeStatus[] = ['draft', 'returned'];
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const CONTROL = /[\u0000-\u001f\u007f]/;

/** An individual book names its member; left out, that is the caller (members pledge for themselves). */
export function pledgerFor(actor: Actor, pledger: Pledger): Pledger {
  if (pledger.type === 'individual' && pledger.memberIds.length === 0) return { ...pledger, memberIds: [actor.memberId] };
  return pledger;
}

/** Members pledge for themselves; a collective book is kept by the collective's responsible officers. */
function isPledger(actor: Actor, pledger: Pledger, collective?: CollectiveContext): boolean {
  if (pledger.type === 'collective') return isCollectiveOfficer(actor, collective?.unit, collective?.actorPlacement);
  return pledger.memberIds.includes(actor.memberId);
}

function requirePledger(actor: Actor, state: PledgeState, collective?: CollectiveContext): void {
  if (isPledger(actor, state.pledger, collective)) return;
  if (state.pledger.type === 'collective') throw notOfficer(collective?.unit?.type, state.pledgeId);
  throw forbidden('not_the_pledger', 'only the pledger may change this pledge book', { pledgeId: state.pledgeId });
}

function notOfficer(unitType: string | undefined, pledgeId?: string) {
  const who = unitType && isPledgingUnitType(unitType) ? COLLECTIVE_OFFICERS[unitType] : 'its responsible officers';
  return forbidden('not_the_pledger', `a collective book is kept by ${who}`, { ...(pledgeId ? { pledgeId } : {}), ...(unitType ? { unitType } : {}) });
}

function requireStatus(state: PledgeState, allowed: readonly PledgeStatus[]): void {
  if (state.status === 'none') throw notFound('pledge', state.pledgeId || '(new)');
  if (!allowed.includes(state.status)) throw wrongState('the pledge', state.status, allowed);
}

function validatePledger(pledger: Pledger, command: Extract<PledgeCommand, { type: 'DraftPledge' }>): void {
  const ids = [...new Set(pledger.memberIds)];
  if (ids.length !== pledger.memberIds.length) throw invalid('duplicate_member', 'a member is named twice', { field: 'pledger/memberIds' });
  if (pledger.type === 'individual' && ids.length !== 1) throw invalid('one_member', 'an individual pledge names exactly one member', { field: 'pledger/memberIds' });
  if (pledger.type === 'paired' && ids.length < 2) throw invalid('two_members', 'a paired pledge names two or more members', { field: 'pledger/memberIds' });
  if (pledger.type === 'collective') {
    if (ids.length > 0) throw invalid('no_members', 'a collective pledge names an org unit, not members', { field: 'pledger/memberIds' });
    if (!pledger.orgUnitId) throw invalid('org_unit_required', 'a collective pledge names its org unit', { field: 'pledger/orgUnitId' });
    if (!command.context.orgUnit) throw notFound('org_unit', pledger.orgUnitId);
    if (!isPledgingUnitType(command.context.orgUnit.type)) {
      throw invalid('unit_cannot_pledge', `a ${command.context.orgUnit.type} does not pledge as a collective; these do: ${Object.keys(COLLECTIVE_OFFICERS).join(', ')}`, {
        field: 'pledger/orgUnitId',
      });
    }
  } else if (pledger.orgUnitId !== undefined) {
    throw invalid('org_unit_not_allowed', 'only a collective pledge names an org unit', { field: 'pledger/orgUnitId' });
  }
  for (const id of ids) if (!command.context.members[id]) throw notFound('member', id);
}

function validateRecord(record: FulfilmentInput, state: PledgeState, at: string, corrects?: string): void {
  const item = state.items.find((i) => i.no === record.itemNo);
  if (!item) throw invalid('unknown_item', `item ${record.itemNo} is not in this pledge book`, { field: 'itemNo' });
  if (!ISO_DATE.test(record.recordedOn) || !record.recordedOn.startsWith(`${state.year}-`)) {
    throw invalid('date_outside_year', `recordedOn must be a date in ${state.year}`, { field: 'recordedOn' });
  }
  // Today as the bureau counts it (China Standard Time): at 07:00 on 1 January it is already the new year.
  if (record.recordedOn > programmeDateOf(at)) throw invalid('date_in_future', 'recordedOn cannot be in the future', { field: 'recordedOn' });
  const narrative = record.narrative.trim();
  if (narrative.length === 0 || narrative.length > LIMITS.narrative) {
    throw invalid('invalid_narrative', `narrative must be 1 to ${LIMITS.narrative} characters`, { field: 'narrative' });
  }
  if (record.evidence.length > LIMITS.evidence || record.evidence.some((e) => e.length === 0 || e.length > LIMITS.evidenceRef)) {
    throw invalid('invalid_evidence', `at most ${LIMITS.evidence} evidence references of 1 to ${LIMITS.evidenceRef} characters`, { field: 'evidence' });
  }
  validateAttachments(record.attachments ?? []);
  const deedFigures = ['peopleAided', 'amountFen', 'volunteerHours'] as const;
  for (const figure of deedFigures) {
    const value = record[figure];
    if (value === undefined) continue;
    if (item.kind !== 'deed') throw invalid('deed_figures_only', `${figure} is recorded for deed items only`, { field: figure });
    const whole = figure !== 'volunteerHours';
    if (value < 0 || (whole && !Number.isInteger(value)) || !Number.isFinite(value)) {
      throw invalid('invalid_figure', `${figure} must be a non-negative ${whole ? 'whole number' : 'number'}`, { field: figure });
    }
  }
  if (record.beneficiaryRef !== undefined) {
    if (item.kind !== 'deed') throw invalid('deed_figures_only', 'beneficiaryRef is recorded for deed items only', { field: 'beneficiaryRef' });
    const ref = record.beneficiaryRef.trim();
    if (ref.length === 0 || ref.length > LIMITS.beneficiaryRef || CONTROL.test(ref)) {
      throw invalid('invalid_beneficiary_ref', `beneficiaryRef must be 1 to ${LIMITS.beneficiaryRef} printable characters`, { field: 'beneficiaryRef' });
    }
  }
  if (corrects !== undefined) {
    const original = state.records[corrects];
    if (!original) throw notFound('fulfilment_record', corrects);
    if (original.itemNo !== record.itemNo) throw invalid('correction_item_mismatch', 'a correction is for the same item as the record it corrects', { field: 'itemNo' });
  }
}

const SHA256 = /^[0-9a-f]{64}$/;

/** Files are checked as stored by the service before the command; here: how many, each once, named as a file and not a path. */
function validateAttachments(files: readonly EvidenceFile[]): void {
  if (files.length > LIMITS.attachments) throw invalid('too_many_attachments', `at most ${LIMITS.attachments} files on one record`, { field: 'attachments' });
  files.forEach((file, i) => {
    if (!SHA256.test(file.sha256)) throw invalid('invalid_attachment', 'an attachment is named by its SHA-256 in lower-case hex', { field: `attachments/${i}/sha256` });
    if (files.findIndex((f) => f.sha256 === file.sha256) !== i) throw invalid('repeated_attachment', `the file ${file.sha256} is attached twice`, { field: `attachments/${i}/sha256` });
    const name = file.name.trim();
    if (name.length === 0 || name.length > LIMITS.attachmentName || CONTROL.test(name) || /[/\\]/.test(name) || name === '.' || name === '..') {
      throw invalid('invalid_attachment_name', `a file name of 1 to ${LIMITS.attachmentName} characters, without slashes or control characters`, { field: `attachments/${i}/name` });
    }
  });
}

/**
 * The branch a book belongs to (its meeting reviews it, its secretary publishes it): the first
 * member's branch; for a collective book, the branch itself or a party group's parent branch.
 */
export function branchOfBook(home: { branchId?: string } | undefined, orgUnitId: string | undefined, orgUnit: { type: string; parentId?: string } | undefined): string | undefined {
  if (home?.branchId) return home.branchId;
  if (orgUnit?.type === 'party-branch') return orgUnitId;
  if (orgUnit?.type === 'party-group') return orgUnit.parentId;
  return undefined;
}

/** The pledge book's rules. Pure: everything it needs comes in on the command. */
export function decidePledge(command: PledgeCommand, state: PledgeState): PledgeEvent[] {
  switch (command.type) {
    case 'DraftPledge': {
      if (state.status !== 'none') throw conflict('pledge_exists', `pledge ${command.pledgeId} already exists`, { pledgeId: command.pledgeId });
      const { years } = command.context;
      if (years.closedYears.includes(command.year)) throw conflict('year_closed', `the ${command.year} programme is closed`, { year: command.year });
      if (!isYearOpen(years, command.year, command.at)) {
        const current = programmeYearOf(command.at);
        throw invalid('year_not_open', `books are drafted for ${current}, or for ${current + 1} once the bureau opens it`, { field: 'year', currentYear: current });
      }
      const pledger = pledgerFor(command.actor, command.pledger);
      validatePledger(pledger, command);
      const collective = pledger.orgUnitId && command.context.orgUnit ? { unit: { orgUnitId: pledger.orgUnitId, ...command.context.orgUnit }, actorPlacement: command.context.actorPlacement } : undefined;
      if (!isPledger(command.actor, pledger, collective)) {
        if (pledger.type === 'collective') throw notOfficer(command.context.orgUnit?.type);
        throw forbidden('not_the_pledger', 'members draft their own pledge books; collective books are drafted by the collective’s responsible officers');
      }
      if (pledger.type === 'individual' && command.context.existingIndividualBook) {
        throw conflict('duplicate_individual_book', `member already has a ${command.year} pledge book`, {
          year: command.year,
          existingPledgeId: command.context.existingIndividualBook,
        });
      }
      const items = validateItems(command.items, pledger.type, command.context.guidanceCategories);
      const first = pledger.memberIds[0];
      const home = first ? command.context.members[first] : undefined;
      const branchId = branchOfBook(home, pledger.orgUnitId, command.context.orgUnit);
      return [
        {
          type: 'PledgeDrafted',
          data: {
            pledgeId: command.pledgeId,
            bureauId: command.actor.bureauId,
            year: command.year,
            pledger: { type: pledger.type, memberIds: [...pledger.memberIds], ...(pledger.orgUnitId ? { orgUnitId: pledger.orgUnitId } : {}) },
            ...(branchId ? { branchId } : {}),
            ...(home?.groupId ? { groupId: home.groupId } : {}),
            items,
          },
        },
      ];
    }
    case 'RevisePledge': {
      requireStatus(state, EDITABLE);
      requirePledger(command.actor, state, command.collective);
      return [{ type: 'PledgeRevised', data: { pledgeId: state.pledgeId, items: validateItems(command.items, state.pledger.type, command.guidanceCategories) } }];
    }
    case 'SubmitPledge': {
      requireStatus(state, EDITABLE);
      requirePledger(command.actor, state, command.collective);
      const items = validateItems(state.items, state.pledger.type, command.guidanceCategories);
      checkProgrammeRules(items, state.pledger.type, command.programmeRules);
      return [
        {
          type: 'PledgeSubmitted',
          data: {
            pledgeId: state.pledgeId,
            bureauId: state.bureauId,
            year: state.year,
            round: state.round + 1,
            pledger: state.pledger,
            ...(state.branchId ? { branchId: state.branchId } : {}),
            ...(state.groupId ? { groupId: state.groupId } : {}),
            items,
            ...(command.places?.length ? { places: command.places } : {}),
          },
        },
      ];
    }
    case 'WithdrawPledge': {
      requireStatus(state, ['draft', 'submitted', 'returned']);
      requirePledger(command.actor, state, command.collective);
      const reason = command.reason.trim();
      if (reason.length === 0 || reason.length > LIMITS.reason) throw invalid('invalid_reason', `reason must be 1 to ${LIMITS.reason} characters`, { field: 'reason' });
      return [{ type: 'PledgeWithdrawn', data: { pledgeId: state.pledgeId, reason } }];
    }
    case 'RecordReturn': {
      if (state.lastReturn?.reviewId === command.reviewId && state.lastReturn.round === command.round) return [];
      requireStatus(state, ['submitted']);
      if (command.round !== state.round) throw conflict('stale_round', `review round ${command.round} is not the current round ${state.round}`, { round: state.round });
      return [
        {
          type: 'PledgeReturned',
          data: { pledgeId: state.pledgeId, reviewId: command.reviewId, round: command.round, stage: command.stage, verdicts: command.verdicts, decidedBy: command.decidedBy },
        },
      ];
    }
    case 'RecordApproval': {
      if (state.approval?.reviewId === command.reviewId && state.approval.round === command.round) return [];
      requireStatus(state, ['submitted']);
      if (command.round !== state.round) throw conflict('stale_round', `review round ${command.round} is not the current round ${state.round}`, { round: state.round });
      const pending = state.pendingPublication;
      return [
        { type: 'PledgeApproved', data: { pledgeId: state.pledgeId, reviewId: command.reviewId, round: command.round, decidedBy: command.decidedBy, approvedAt: command.approvedAt } },
        // The publication act came first: the book is published as soon as its approval is recorded.
        ...(pending ? [{ type: 'PledgePublished' as const, data: { pledgeId: state.pledgeId, ...pending } }] : []),
      ];
    }
    case 'RecordPublication': {
      if (state.publication?.publicationId === command.publicationId || state.pendingPublication?.publicationId === command.publicationId) return [];
      // Publication acts travel on the branch's key and approvals on each pledge's, so an act may overtake its approval.
      if (state.status === 'submitted') {
        return [{ type: 'PledgePublicationNoticed', data: { pledgeId: state.pledgeId, publicationId: command.publicationId, publishedBy: command.publishedBy, publishedAt: command.publishedAt } }];
      }
      requireStatus(state, ['approved']);
      return [
        { type: 'PledgePublished', data: { pledgeId: state.pledgeId, publicationId: command.publicationId, publishedBy: command.publishedBy, publishedAt: command.publishedAt } },
      ];
    }
    case 'RecordProgress': {
      requireStatus(state, ['published']);
      // A member's book: the member (or the bureau admin on their behalf); a collective's: its officers only.
      if (state.pledger.type === 'collective') requirePledger(command.actor, state, command.collective);
      else if (!isPledger(command.actor, state.pledger) && !hasRole(command.actor, 'bureau-admin')) {
        throw forbidden('not_the_pledger', 'fulfilment is recorded by the pledger', { pledgeId: state.pledgeId });
      }
      if (state.records[command.recordId]) throw conflict('record_exists', `fulfilment record ${command.recordId} exists`, { recordId: command.recordId });
      validateRecord(command.record, state, command.at, command.corrects);
      const { attachments, ...record } = command.record;
      return [
        {
          type: 'ProgressRecorded',
          data: {
            pledgeId: state.pledgeId,
            recordId: command.recordId,
            ...record,
            ...(attachments?.length ? { attachments: attachments.map((f) => ({ sha256: f.sha256, size: f.size, mediaType: f.mediaType, name: f.name.trim() })) } : {}),
            narrative: command.record.narrative.trim(),
            ...(command.record.beneficiaryRef !== undefined ? { beneficiaryRef: command.record.beneficiaryRef.trim() } : {}),
            recordedBy: command.actor.memberId,
            recordedAt: command.at,
            ...(command.corrects ? { corrects: command.corrects } : {}),
          },
        },
      ];
    }
    case 'ClosePledge': {
      if (state.status === 'closed' || state.status === 'withdrawn') return [];
      requireStatus(state, ['draft', 'submitted', 'returned', 'approved', 'published']);
      return [{ type: 'PledgeClosed', data: { pledgeId: state.pledgeId, year: command.year } }];
    }
  }
}
