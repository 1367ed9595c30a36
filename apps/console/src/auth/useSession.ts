import { useSyncExternalStore } from 'react';
import { session, type SessionState, type SessionUser } from './session';

export function useSession(): SessionState {
  return useSyncExternalStore(
    (listener) => session.subscribe(listener),
    () => session.state,
  );
}

/** The signed-in person (routes under the shell are only rendered for one). */
export function useUser(): SessionUser {
  const state = useSession();
  if (state.status === 'signed-out') throw new Error('no signed-in user');
  return state.user;
}

export const hasRole = (user: SessionUser, roles: readonly string[]) => roles.some((r) => user.roles.includes(r));
