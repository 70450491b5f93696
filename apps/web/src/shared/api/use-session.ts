import { ROLE_RANK, type Role } from '@marketlens/contracts';
import { useSyncExternalStore } from 'react';
import { session } from './api';
import type { SessionState } from './session-store';

export function useSession(): SessionState {
  return useSyncExternalStore(session.subscribe, session.getState);
}

/** True when `role` is at least `required` (admin > analyst > viewer). */
export function hasRole(role: Role | undefined, required: Role): boolean {
  return role !== undefined && ROLE_RANK[role] >= ROLE_RANK[required];
}
