import { createApiClient } from './api-client';
import { createSessionStore } from './session-store';

/** The app's one session and client; tests build their own with createApiClient. */
export const session = createSessionStore(window.localStorage);

export const api = createApiClient({
  baseUrl: (import.meta.env.VITE_API_BASE_URL ?? '').replace(/\/+$/, ''),
  fetchFn: (input, init) => window.fetch(input, init),
  session,
});

/** On load: trade the stored refresh token for an access token, or fall back to the login page. */
export async function restoreSession(): Promise<void> {
  if (session.getState().status !== 'restoring') return;
  const ok = await api.refresh();
  if (!ok) session.signOut();
}
