import { okResponseSchema, setupStatusSchema, tokenResponseSchema, type LoginRequest } from '@marketlens/contracts';
import { queryOptions, useMutation, useQuery } from '@tanstack/react-query';
import { api, session } from '../../../shared/api/api';

export const setupStatusQuery = queryOptions({
  queryKey: ['auth', 'setup'],
  queryFn: () => api.request('/auth/setup', setupStatusSchema, { auth: false }),
  staleTime: 0,
});

export function useSetupStatus() {
  return useQuery(setupStatusQuery);
}

async function login(body: LoginRequest) {
  const tokens = await api.request('/auth/login', tokenResponseSchema, { method: 'POST', body, auth: false });
  session.signIn(tokens);
  return tokens.user;
}

async function setup(body: LoginRequest) {
  const tokens = await api.request('/auth/setup', tokenResponseSchema, { method: 'POST', body, auth: false });
  session.signIn(tokens);
  return tokens.user;
}

export function useLogin() {
  return useMutation({ mutationFn: login });
}

export function useSetup() {
  return useMutation({ mutationFn: setup });
}

/** Revokes the refresh token server-side, then forgets the session locally even if the call fails. */
export async function logout(): Promise<void> {
  const refreshToken = session.refreshToken();
  try {
    if (refreshToken) await api.request('/auth/logout', okResponseSchema, { method: 'POST', body: { refreshToken } });
  } catch {
    // Best effort: the local session ends regardless, and the token expires on its own.
  } finally {
    session.signOut();
  }
}
