import type { TokenResponse, User } from '@marketlens/contracts';

export const REFRESH_TOKEN_KEY = 'marketlens.refreshToken';

export type SessionState =
  { status: 'restoring'; user: null } | { status: 'anonymous'; user: null } | { status: 'authenticated'; user: User };

/**
 * Who is signed in. The access token lives only in memory (an XSS payload cannot read it from storage
 * after the page is gone); the refresh token is in localStorage so a reload keeps the session.
 * A small external store, read by React through useSyncExternalStore.
 */
export interface SessionStore {
  getState(): SessionState;
  subscribe(listener: () => void): () => void;
  accessToken(): string | null;
  refreshToken(): string | null;
  signIn(tokens: TokenResponse): void;
  signOut(): void;
  setUser(user: User): void;
}

export function createSessionStore(storage: Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>): SessionStore {
  let accessToken: string | null = null;
  let state: SessionState = storage.getItem(REFRESH_TOKEN_KEY)
    ? { status: 'restoring', user: null }
    : { status: 'anonymous', user: null };
  const listeners = new Set<() => void>();

  const setState = (next: SessionState) => {
    state = next;
    for (const listener of listeners) listener();
  };

  return {
    getState: () => state,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    accessToken: () => accessToken,
    // Read through each time: another tab may have rotated it.
    refreshToken: () => storage.getItem(REFRESH_TOKEN_KEY),
    signIn(tokens) {
      accessToken = tokens.accessToken;
      storage.setItem(REFRESH_TOKEN_KEY, tokens.refreshToken);
      setState({ status: 'authenticated', user: tokens.user });
    },
    signOut() {
      accessToken = null;
      storage.removeItem(REFRESH_TOKEN_KEY);
      if (state.status !== 'anonymous') setState({ status: 'anonymous', user: null });
    },
    setUser(user) {
      setState({ status: 'authenticated', user });
    },
  };
}
