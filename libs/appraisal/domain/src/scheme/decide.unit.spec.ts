import { deciderSpec } from '@pledgebook/util/testing';
import type { Actor } from '../shared/actor';
import type { SchemeCommand } from './commands';
import { schemeDecider } from './decider';
import type { SchemeEvent } from './events';
import { EXAMPLE_SCHEME } from './example-scheme';

const given = deciderSpec(schemeDecider.decide, schemeDecider.evolve, schemeDecider.initialState);
const AT = '2026-01-05T02:00:00.000Z';
const qian: Actor = { memberId: 'qian', bureauId: 'weihai', roles: ['member', 'appraisal-office'] };
const zhou: Actor = { memberId: 'zhou', bureauId: 'weihai', roles: ['member', 'leading-group'] };
const sun: Actor = { memberId: 'sun', bureauId: 'weihai', roles: ['member'] };
const context = { officeStaff: ['qian', 'li'] };
const draft = (extra: Partial<Extract<SchemeCommand, { type: 'DraftScheme' }>> = {}): SchemeCommand => ({
  type: 'DraftScheme',
  actor: qian,
  bureauId: 'weihai',
  year: 2026,
  version: 1,
  content: EXAMPLE_SCHEME,
  context,
  at: AT,
  ...extra,
});
const drafted: SchemeEvent = { type: 'SchemeDrafted', data: { bureauId: 'weihai', year: 2026, version: 1, content: EXAMPLE_SCHEME, by: 'qian', at: AT } };
const submitted: SchemeEvent = { type: 'SchemeSubmitted', data: { version: 1, by: 'qian', at: AT } };
const approved: SchemeEvent = { type: 'SchemeApproved', data: { version: 1, by: 'zhou', at: AT } };
const published: SchemeEvent = { type: 'SchemePublished', data: { bureauId: 'weihai', year: 2026, version: 1, content: EXAMPLE_SCHEME, by: 'qian', publishedAt: AT } };
const revised = { ...EXAMPLE_SCHEME, title: '考核办法（修订）' };

describe('scheme decider', () => {
  describe('drafting', () => {
    it('lets the year’s office staff draft a valid scheme', () => given([]).when(draft()).then([drafted]));
    it('records which version a new one is based on', () =>
      given([]).when(draft({ version: 2, basedOnVersion: 1 })).then([{ type: 'SchemeDrafted', data: { ...drafted.data, version: 2, basedOnVersion: 1 } } as SchemeEvent]));
    it('refuses people outside the year’s office, and other bureaus', () => {
      given([]).when(draft({ actor: sun })).thenFails('not_office_staff', 'forbidden');
      given([]).when(draft({ actor: { ...qian, bureauId: 'yantai' } })).thenFails('other_bureau', 'forbidden');
    });
    it('refuses an existing version, bad versions and years, and an invalid scheme', () => {
      given([drafted]).when(draft()).thenFails('scheme_version_exists', 'conflict');
      given([]).when(draft({ version: 0 })).thenFails('bad_version', 'invalid', 'version');
      given([]).when(draft({ version: 2, basedOnVersion: 2 })).thenFails('bad_version', 'invalid', 'basedOnVersion');
      given([]).when(draft({ year: 26 })).thenFails('bad_year', 'invalid', 'year');
      given([]).when(draft({ content: { ...EXAMPLE_SCHEME, totalPoints: 90 } })).thenFails('invalid_scheme', 'invalid', 'content/criteria');
    });
  });

  describe('revising and approval', () => {
    it('lets the office revise a draft', () => {
      const revisedEvent: SchemeEvent = { type: 'SchemeRevised', data: { version: 1, content: revised, by: 'qian', at: AT } };
      given([drafted]).when({ type: 'ReviseScheme', actor: qian, content: revised, context, at: AT }).then([revisedEvent]);
      expect([drafted, revisedEvent].reduce(schemeDecider.evolve, schemeDecider.initialState()).content!.title).toBe('考核办法（修订）');
    });
    it('refuses a revision that breaks a rule, or from outside the office', () => {
      given([drafted]).when({ type: 'ReviseScheme', actor: qian, content: { ...revised, bands: [] }, context, at: AT }).thenFails('invalid_scheme', 'invalid');
      given([drafted]).when({ type: 'ReviseScheme', actor: sun, content: revised, context, at: AT }).thenFails('not_office_staff', 'forbidden');
    });
    it('refuses to act on a scheme that does not exist', () => {
      given([]).when({ type: 'SubmitScheme', actor: qian, context, at: AT }).thenFails('scheme_not_found', 'not_found');
    });
    it('submits the draft to the leading group, which approves it', () => {
      given([drafted]).when({ type: 'SubmitScheme', actor: qian, context, at: AT }).then([submitted]);
      given([drafted, submitted]).when({ type: 'ApproveScheme', actor: zhou, at: AT }).then([approved]);
    });
    it('lets only the leading group approve or return it, and only once submitted', () => {
      given([drafted, submitted]).when({ type: 'ApproveScheme', actor: qian, at: AT }).thenFails('not_the_leading_group', 'forbidden');
      given([drafted]).when({ type: 'ApproveScheme', actor: zhou, at: AT }).thenFails('wrong_state', 'conflict');
      given([drafted, submitted]).when({ type: 'ReviseScheme', actor: qian, content: revised, context, at: AT }).thenFails('wrong_state', 'conflict');
    });
    it('returns it to the office with a reason, as a draft again', () => {
      const returned: SchemeEvent = { type: 'SchemeReturned', data: { version: 1, reason: '民主测评权重再议', by: 'zhou', at: AT } };
      given([drafted, submitted]).when({ type: 'ReturnScheme', actor: zhou, reason: ' 民主测评权重再议 ', at: AT }).then([returned]);
      given([drafted, submitted]).when({ type: 'ReturnScheme', actor: zhou, reason: ' ', at: AT }).thenFails('reason_required', 'invalid', 'reason');
      given([drafted, submitted, returned]).when({ type: 'ReviseScheme', actor: qian, content: revised, context, at: AT }).then([{ type: 'SchemeRevised', data: { version: 1, content: revised, by: 'qian', at: AT } }]);
      expect([drafted, submitted, returned].reduce(schemeDecider.evolve, schemeDecider.initialState())).toMatchObject({ status: 'draft', returnedFor: '民主测评权重再议' });
    });
  });

  describe('publishing and freezing', () => {
    it('publishes an approved scheme with its whole content', () => given([drafted, submitted, approved]).when({ type: 'PublishScheme', actor: qian, context, at: AT }).then([published]));
    it('refuses to publish what the leading group has not approved', () => {
      given([drafted]).when({ type: 'PublishScheme', actor: qian, context, at: AT }).thenFails('wrong_state', 'conflict');
    });
    it('ignores a repeated publication', () => given([drafted, submitted, approved, published]).when({ type: 'PublishScheme', actor: qian, context, at: AT }).then([]));
    it('freezes a published scheme: a change is a new version', () => {
      const error = given([drafted, submitted, approved, published]).when({ type: 'ReviseScheme', actor: qian, content: revised, context, at: AT }).thenFails('scheme_frozen', 'conflict');
      expect(error.message).toContain('draft a new version');
      given([drafted, submitted, approved, published]).when({ type: 'SubmitScheme', actor: qian, context, at: AT }).thenFails('scheme_frozen', 'conflict');
    });
    it('keeps the published state', () => {
      const state = [drafted, submitted, approved, published].reduce(schemeDecider.evolve, schemeDecider.initialState());
      expect(state).toMatchObject({ status: 'published', version: 1, approvedBy: 'zhou', publishedAt: AT, content: EXAMPLE_SCHEME });
    });
  });
});
