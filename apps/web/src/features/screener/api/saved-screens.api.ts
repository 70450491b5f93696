import { savedScreenListSchema, savedScreenSchema, type SavedScreen } from '@marketlens/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../shared/api/api';
import { noContentSchema } from '../../../shared/api/parse-response';
import type { ScreenView } from '../model/screen-view';
import { SCREENER_QUERY_KEY } from './screener.api';

const SAVED_KEY = [...SCREENER_QUERY_KEY, 'saved'] as const;

/** The caller's own saved screens. */
export function useSavedScreens() {
  return useQuery({ queryKey: SAVED_KEY, queryFn: () => api.request('/screener/screens', savedScreenListSchema) });
}

export interface SavedScreenInput {
  name: string;
  universeId: string | null;
  filter: string;
  sort: string | null;
  view: ScreenView;
}

export function useSaveScreen(onSaved: (screen: SavedScreen) => void) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: SavedScreenInput) =>
      api.request('/screener/screens', savedScreenSchema, { method: 'POST', body }),
    onSuccess: (screen) => {
      void queryClient.invalidateQueries({ queryKey: SAVED_KEY });
      onSaved(screen);
    },
  });
}

export function useUpdateScreen() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, ...body }: SavedScreenInput & { id: string }) =>
      api.request(`/screener/screens/${encodeURIComponent(id)}`, savedScreenSchema, { method: 'PATCH', body }),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: SAVED_KEY }),
  });
}

export function useDeleteScreen() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) =>
      api.request(`/screener/screens/${encodeURIComponent(id)}`, noContentSchema, { method: 'DELETE' }),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: SAVED_KEY }),
  });
}
