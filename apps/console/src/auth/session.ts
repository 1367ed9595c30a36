// The signed-in person: a short access token kept in memory, the refresh token in this tab's
// sessionStorage (a reload stays signed in; closing the tab ends it). Requests that meet a 401
// refresh once and are sent again, so a form being filled in never notices an expired token.
import { problemOf } from '../api/problem';

export interface SessionUser {
  username: string;
  memberId: string;
  bureauId: string;
  roles: string[];
  mustChangePassword: boolean;
}

interface SignedIn extends SessionUser {
  accessToken: string;
  expiresIn: number;
  refreshToken?: string;
}

export type SessionState = { status: 'signed-out' } | { status: 'signed-in'; user: SessionUser } | { status: 'expired'; user: SessionUser };

const STORAGE_KEY = 'pledgebook.session';
const listeners = new Set<(state: SessionState) => void>();
let state: SessionState = { status: 'signed-out' };
let access: { token: string; expiresAt: number } | undefined;
let refreshing: Promise<boolean> | undefined;

function stored(): { refreshToken: string; user: SessionUser } | undefined {
  try {
    const raw = sessionStorage.getItem(STORAGE_KEY);
    return raw ? (JSON.parse(raw) as { refreshToken: string; user: SessionUser }) : undefined;
  } catch {
    return undefined;
  }
}

function set(next: SessionState): void {
  state = next;
  for (const listener of listeners) listener(state);
}

function accept(body: SignedIn): SessionUser {
  const user: SessionUser = { username: body.username, memberId: body.memberId, bureauId: body.bureauId, roles: body.roles, mustChangePassword: body.mustChangePassword };
  access = { token: body.accessToken, expiresAt: Date.now() + body.expiresIn * 1000 };
  if (body.refreshToken) sessionStorage.setItem(STORAGE_KEY, JSON.stringify({ refreshToken: body.refreshToken, user }));
  else sessionStorage.removeItem(STORAGE_KEY);
  set({ status: 'signed-in', user });
  return user;
}

export const session = {
  get state(): SessionState {
    return state;
  },

  subscribe(listener: (state: SessionState) => void): () => void {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },

  /** On start: a stored session (a reload) is resumed by a refresh. */
  async resume(): Promise<SessionState> {
    const saved = stored();
    if (!saved) return state;
    set({ status: 'signed-in', user: saved.user });
    if (!(await this.refresh())) set({ status: 'signed-out' });
    return state;
  },

  async signIn(username: string, password: string): Promise<SessionUser> {
    const response = await fetch('/api/v1/auth/login', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }) });
    if (!response.ok) throw await problemOf(response);
    return accept((await response.json()) as SignedIn);
  },

  async changePassword(currentPassword: string, newPassword: string): Promise<SessionUser> {
    const token = await this.accessToken();
    const response = await fetch('/api/v1/auth/password', {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify({ currentPassword, newPassword }),
    });
    if (!response.ok) throw await problemOf(response);
    return accept((await response.json()) as SignedIn);
  },

  async signOut(): Promise<void> {
    const saved = stored();
    sessionStorage.removeItem(STORAGE_KEY);
    access = undefined;
    set({ status: 'signed-out' });
    if (saved) await fetch('/api/v1/auth/logout', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ refreshToken: saved.refreshToken }) }).catch(() => undefined);
  },

  /** One refresh at a time; false when the session is over (the person signs in again). */
  refresh(): Promise<boolean> {
    refreshing ??= (async () => {
      const saved = stored();
      if (!saved) return false;
      const response = await fetch('/api/v1/auth/refresh', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ refreshToken: saved.refreshToken }) }).catch(() => undefined);
      if (!response?.ok) {
        if (response && response.status === 401) {
          sessionStorage.removeItem(STORAGE_KEY);
          access = undefined;
          // The page stays as it is (with what was typed); a sign-in dialog asks for the password again.
          if (state.status !== 'signed-out') set({ status: 'expired', user: state.user });
        }
        return false;
      }
      accept((await response.json()) as SignedIn);
      return true;
    })().finally(() => (refreshing = undefined));
    return refreshing;
  },

  /** A token good for at least the next half minute, refreshed first when needed. */
  async accessToken(): Promise<string | undefined> {
    if (access && access.expiresAt - Date.now() > 30_000) return access.token;
    if (stored()) await this.refresh();
    return access?.token;
  },

  /** fetch with the bearer token; a 401 is answered by one refresh and a second try. */
  async fetch(request: Request): Promise<Response> {
    const retry = request.clone();
    const token = await this.accessToken();
    if (token) request.headers.set('authorization', `Bearer ${token}`);
    const response = await fetch(request);
    if (response.status !== 401 || !stored()) return response;
    if (!(await this.refresh())) return response;
    retry.headers.set('authorization', `Bearer ${access!.token}`);
    return fetch(retry);
  },

  /** For tests of expiry: forget the access token (the next call refreshes). */
  dropAccessToken(): void {
    access = undefined;
  },
};
