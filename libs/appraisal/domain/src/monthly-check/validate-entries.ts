import { invalid } from '../shared/errors';
import { ITEM_STATUSES, itemKey, type ItemRef } from '../shared/statuses';
import { isBlank, repeated } from '../shared/text';
import type { CheckEntry, RosterMember } from './types';

type MemberItem = ItemRef & { memberId: string };

const isStatus = (s: unknown) => typeof s === 'string' && (ITEM_STATUSES as readonly string[]).includes(s);

/**
 * The check covers the roster exactly: every expected member, every item of their books, a
 * status each and a note per member. Each refusal names all the members or items it concerns.
 */
export function validateEntries(roster: readonly RosterMember[], entries: readonly CheckEntry[]): void {
  if (!roster.length) throw invalid('nothing_to_check', 'no member of this group had a published book that month', { field: 'entries' });
  const expected = new Map(roster.map((m) => [m.memberId, new Set(m.items.map(itemKey))]));
  const memberIds = entries.map((e) => e.memberId);

  const unknownMembers = memberIds.filter((id) => !expected.has(id));
  if (unknownMembers.length) throw invalid('unknown_members', `not on this month's roster: ${unknownMembers.join(', ')}`, { field: 'entries', memberIds: unknownMembers });
  const twice = repeated(memberIds);
  if (twice.length) throw invalid('repeated_member', `entered more than once: ${twice.join(', ')}`, { field: 'entries', memberIds: twice });
  const missingMembers = roster.map((m) => m.memberId).filter((id) => !memberIds.includes(id));
  if (missingMembers.length) throw invalid('members_missing', `every member with a published book is checked; missing: ${missingMembers.join(', ')}`, { field: 'entries', memberIds: missingMembers });

  const unknownItems: MemberItem[] = [];
  const repeatedItems: MemberItem[] = [];
  const missingItems: MemberItem[] = [];
  const badStatus: MemberItem[] = [];
  for (const entry of entries) {
    const wanted = expected.get(entry.memberId)!;
    const keys = entry.items.map(itemKey);
    entry.items.forEach((item, i) => {
      const named = { memberId: entry.memberId, pledgeId: item.pledgeId, itemNo: item.itemNo };
      if (!wanted.has(keys[i]!)) unknownItems.push(named);
      else if (keys.indexOf(keys[i]!) !== i) repeatedItems.push(named);
      if (!isStatus(item.status)) badStatus.push(named);
    });
    const rosterItems = roster.find((m) => m.memberId === entry.memberId)!.items;
    for (const item of rosterItems) if (!keys.includes(itemKey(item))) missingItems.push({ memberId: entry.memberId, ...item });
  }
  const describe = (items: MemberItem[]) => items.map((i) => `${i.memberId} ${i.pledgeId} #${i.itemNo}`).join(', ');
  if (unknownItems.length) throw invalid('unknown_items', `not items of these members' books: ${describe(unknownItems)}`, { field: 'entries', items: unknownItems });
  if (repeatedItems.length) throw invalid('repeated_item', `entered more than once: ${describe(repeatedItems)}`, { field: 'entries', items: repeatedItems });
  if (missingItems.length) throw invalid('items_missing', `every item gets a status; missing: ${describe(missingItems)}`, { field: 'entries', items: missingItems });
  if (badStatus.length) throw invalid('bad_status', `a status is one of ${ITEM_STATUSES.join(', ')}: ${describe(badStatus)}`, { field: 'entries', items: badStatus });
  const noNote = entries.filter((e) => isBlank(e.note)).map((e) => e.memberId);
  if (noNote.length) throw invalid('note_required', `each member gets a note: ${noNote.join(', ')}`, { field: 'entries', memberIds: noNote });
}
