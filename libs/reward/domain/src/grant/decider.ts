import { conflict, deterministicId, invalid, wrongState } from '@pledgebook/util';
import { requireLeadingGroup } from '../shared/actor';
import { validateRewardContent } from '../shared/reward';
import { optionalText, requireText } from '../shared/values';
import { BASIS_OF_GROUND, type Basis, type GrantCommand, type GrantEvent, type GrantState, type Ground, type Recipient } from './types';

/**
 * A grant's id follows from its bureau, recipient, ground and basis: the same reward for the same
 * reason can only be granted once, whoever asks and however often (a second is a 409).
 */
export const grantIdFor = (bureauId: string, recipient: Recipient, ground: Ground, basis: Basis) =>
  deterministicId(`reward-grant|${bureauId}|${recipient.type}|${recipient.id}|${ground}|${basis.type}|${basis.id}`);

function grant(c: Extract<GrantCommand, { type: 'GrantReward' }>, state: GrantState): GrantEvent[] {
  requireLeadingGroup(c.actor, 'grant rewards', { orSystem: true });
  if (state.status !== 'none') {
    throw conflict('grant_exists', `this recipient already has a grant on this ground and basis (${state.status})`, { grantId: state.grantId, currentState: state.status });
  }
  if (BASIS_OF_GROUND[c.ground] !== c.basis.type) throw invalid('basis_mismatch', `a ${c.ground} grant names a ${BASIS_OF_GROUND[c.ground]} as its basis`, { field: 'basis/type' });
  if (!c.facts.recipientKnown) throw invalid('unknown_recipient', `${c.recipient.type} ${c.recipient.id} is not in the bureau’s directory`, { field: 'recipient/id' });
  if (!c.facts.basis.found) throw invalid('unknown_basis', `no ${c.basis.type} ${c.basis.id} to ground this grant on`, { field: 'basis/id' });
  if (!c.facts.basis.concernsRecipient) throw invalid('basis_not_recipients', `${c.basis.type} ${c.basis.id} does not concern ${c.recipient.id}`, { field: 'basis/id' });
  const content = validateRewardContent({ spiritual: c.spiritual, ...(c.material ? { material: c.material } : {}) }, '');
  const title = requireText(c.title, 'title', 100);
  const reason = optionalText(c.reason, 'reason', 1000);
  return [
    {
      type: 'RewardGranted',
      data: {
        grantId: c.grantId,
        bureauId: c.bureauId,
        year: c.year,
        recipient: { ...c.recipient },
        ground: c.ground,
        basis: { ...c.basis },
        title,
        ...content,
        ...(reason ? { reason } : {}),
        grantedBy: c.actor.memberId,
        grantedAt: c.at,
      },
    },
  ];
}

export function decideGrant(command: GrantCommand, state: GrantState): GrantEvent[] {
  switch (command.type) {
    case 'GrantReward':
      return grant(command, state);
    case 'RevokeGrant': {
      requireLeadingGroup(command.actor, 'revoke grants');
      if (state.status !== 'granted') throw wrongState('the grant', state.status, ['granted']);
      const reason = requireText(command.reason, 'reason', 1000);
      const { grantId, bureauId, year } = state.grant!;
      return [{ type: 'GrantRevoked', data: { grantId, bureauId, year, reason, revokedBy: command.actor.memberId, revokedAt: command.at } }];
    }
  }
}

export function evolveGrant(state: GrantState, event: GrantEvent): GrantState {
  switch (event.type) {
    case 'RewardGranted':
      return { ...state, grantId: event.data.grantId, status: 'granted', grant: event.data };
    case 'GrantRevoked':
      return { ...state, status: 'revoked', revocation: { reason: event.data.reason, by: event.data.revokedBy, at: event.data.revokedAt } };
  }
}

export const initialGrantState = (grantId = ''): GrantState => ({ grantId, status: 'none' });

export const grantDecider = { decide: decideGrant, evolve: evolveGrant, initialState: initialGrantState };
