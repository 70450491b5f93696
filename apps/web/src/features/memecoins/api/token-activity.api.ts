import { holdersResponseSchema, postsResponseSchema, timelineResponseSchema } from '@marketlens/contracts';
import { useQuery } from '@tanstack/react-query';
import { api } from '../../../shared/api/api';
import { MEME_QUERY_KEY, tokenPath } from './tokens.api';

export const TOP_HOLDERS = 10;
export const RECENT_POSTS = 30;

/** Price, hourly sentiment, risk score and flags on one time axis. */
export function useTimeline(address: string) {
  return useQuery({
    queryKey: [...MEME_QUERY_KEY, 'timeline', address],
    queryFn: () => api.request(`${tokenPath(address)}/timeline`, timelineResponseSchema),
  });
}

export function useHolders(address: string) {
  return useQuery({
    queryKey: [...MEME_QUERY_KEY, 'holders', address],
    queryFn: () =>
      api.request(`${tokenPath(address)}/holders`, holdersResponseSchema, { query: { limit: TOP_HOLDERS } }),
  });
}

export function useRecentPosts(address: string) {
  return useQuery({
    queryKey: [...MEME_QUERY_KEY, 'posts', address],
    queryFn: () => api.request(`${tokenPath(address)}/posts`, postsResponseSchema, { query: { limit: RECENT_POSTS } }),
  });
}
