import { forbidden, invalid } from '@pledgebook/util';
import type { BureauScope, Owner, SubscriptionDocument } from '../model/subscription';
import type { BureauTree } from './bureau-tree';

/** The verified caller (the token's subject, bureau and roles). */
export interface Caller {
  subject: string;
  bureauId: string;
  roles: readonly string[];
}

const isSystemAdmin = (c: Caller) => c.roles.includes('system-admin');
const isBureauAdmin = (c: Caller) => c.roles.includes('bureau-admin');
const isSubscriber = (c: Caller) => c.roles.includes('subscriber');

/** The subscriber accounts an admin may give a subscription to (the gateway's own accounts, embedded profile). */
export interface SubscriberAccounts {
  /** Whether `owner` names an enabled account with the subscriber role in that bureau (its subject is `subscriberId`). */
  isSubscriber(owner: Owner): boolean | Promise<boolean>;
}

/** Whether `bureauId` is the caller's own bureau or one under it. */
const inCallersTree = (c: Caller, bureauId: string, tree: BureauTree) => bureauId === c.bureauId || tree.relation(bureauId, c.bureauId) === 'within';

/**
 * Who owns a new subscription: a subscriber creates its own; a bureau admin creates one for a
 * subscriber account of its bureau or a bureau under it; a system admin for any.
 */
export function ownerFor(caller: Caller, requested: Owner | undefined, tree: BureauTree): Owner {
  if (isSystemAdmin(caller) || isBureauAdmin(caller)) {
    if (!requested) {
      if (isSubscriber(caller)) return { bureauId: caller.bureauId, subscriberId: caller.subject };
      throw invalid('owner_required', 'name the subscriber account that will own the subscription (owner: {bureauId, subscriberId})', { field: 'owner' });
    }
    if (!isSystemAdmin(caller) && !inCallersTree(caller, requested.bureauId, tree)) {
      throw forbidden('owner_outside_bureau', `create a subscription for ${requested.bureauId}: outside your bureau`, { field: 'owner/bureauId' });
    }
    return requested;
  }
  if (isSubscriber(caller)) {
    if (requested && (requested.bureauId !== caller.bureauId || requested.subscriberId !== caller.subject)) {
      throw forbidden('not_your_subscription', 'a subscriber creates subscriptions for itself only', { field: 'owner' });
    }
    return { bureauId: caller.bureauId, subscriberId: caller.subject };
  }
  throw forbidden('role_required', 'create a subscription: needs one of the roles: subscriber, bureau-admin, system-admin');
}

/**
 * A scope must lie inside the caller's own bureau tree (a system admin's: anywhere the gateway
 * knows) and inside the owner's: a subscriber never receives events of a bureau above or beside
 * its own, whoever created its subscription. Its bureau must be known, so that a descendant scope
 * means something.
 */
export function checkScope(caller: Caller, scope: BureauScope, tree: BureauTree, owner: Owner): void {
  const field = 'bureauScope/bureauId';
  if (isSystemAdmin(caller)) {
    if (!tree.knows(scope.bureauId)) throw invalid('unknown_bureau', `bureau ${scope.bureauId} is not known to the gateway`, { field });
  } else if (!inCallersTree(caller, scope.bureauId, tree)) {
    throw forbidden('scope_outside_bureau', `subscribe to ${scope.bureauId}: outside your bureau and the bureaus under it`, { field });
  }
  if (scope.bureauId !== owner.bureauId && tree.relation(scope.bureauId, owner.bureauId) !== 'within') {
    throw forbidden('scope_outside_owner_bureau', `subscribe ${owner.subscriberId} to ${scope.bureauId}: outside the subscriber's bureau ${owner.bureauId} and the bureaus under it`, { field });
  }
}

/** Whether the caller may see and manage a subscription: its owner, an admin over the owner's bureau, or a system admin. */
export function canManage(caller: Caller, doc: Pick<SubscriptionDocument, 'owner'>, tree: BureauTree): boolean {
  if (isSystemAdmin(caller)) return true;
  if (isBureauAdmin(caller) && inCallersTree(caller, doc.owner.bureauId, tree)) return true;
  return isSubscriber(caller) && doc.owner.bureauId === caller.bureauId && doc.owner.subscriberId === caller.subject;
}

/** The filter for the subscriptions a caller may list. */
export function listFilter(caller: Caller, tree: BureauTree): Record<string, unknown> | undefined {
  if (isSystemAdmin(caller)) return {};
  if (isBureauAdmin(caller)) return { 'owner.bureauId': { $in: tree.subtree(caller.bureauId) } };
  if (isSubscriber(caller)) return { 'owner.bureauId': caller.bureauId, 'owner.subscriberId': caller.subject };
  return undefined;
}
