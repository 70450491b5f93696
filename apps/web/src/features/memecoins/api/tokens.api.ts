import {
  tokenDetailResponseSchema,
  tokenListResponseSchema,
  tokenSchema,
  type MemeToken,
  type TokenCreate,
} from '@marketlens/contracts';
import { useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { api } from '../../../shared/api/api';

export const MEME_QUERY_KEY = ['memecoins'] as const;
export const TOKENS_QUERY_KEY = [...MEME_QUERY_KEY, 'tokens'] as const;

/** The API path of one token (addresses are hex, but encoding costs nothing and keeps odd input harmless). */
export const tokenPath = (address: string) => `/memecoins/tokens/${encodeURIComponent(address)}`;

/** A queued job runs in the background: read the data now, and again once a short job has likely finished. */
export const JOB_SETTLE_MS = 4000;
export function refreshAfterJob(queryClient: QueryClient) {
  const refresh = () => void queryClient.invalidateQueries({ queryKey: MEME_QUERY_KEY });
  refresh();
  setTimeout(refresh, JOB_SETTLE_MS);
}

/** The form's body: the contract's input shape (defaults such as decimals are the server's to fill in). */
export type TokenCreateBody = Partial<Pick<TokenCreate, 'name' | 'instrumentSymbol' | 'searchQuery'>> &
  Pick<TokenCreate, 'address' | 'symbol'>;

export function useMemeTokens() {
  return useQuery({
    queryKey: TOKENS_QUERY_KEY,
    queryFn: () => api.request('/memecoins/tokens', tokenListResponseSchema),
  });
}

/** The token with its latest assessment (flags, metrics, what changed). */
export function useMemeToken(address: string) {
  return useQuery({
    queryKey: [...TOKENS_QUERY_KEY, address],
    queryFn: () => api.request(tokenPath(address), tokenDetailResponseSchema),
  });
}

export function useCreateMemeToken(onCreated?: (token: MemeToken) => void) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: TokenCreateBody) => api.request('/memecoins/tokens', tokenSchema, { method: 'POST', body }),
    onSuccess: (token) => {
      void queryClient.invalidateQueries({ queryKey: TOKENS_QUERY_KEY });
      onCreated?.(token);
    },
  });
}
