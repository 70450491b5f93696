import { cleanup, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ADDRESS, post } from '../testing/meme-fixtures';
import { renderWithQuery } from '../testing/render-with-query';
import { PostsPanel } from './posts-panel';

const mock = vi.hoisted(() => ({ request: vi.fn() }));
vi.mock('../../../shared/api/api', () => ({ api: { request: mock.request } }));

afterEach(cleanup);

describe('PostsPanel', () => {
  it('labels each post with its sentiment and signed score, linking only http(s) urls', async () => {
    mock.request.mockReset().mockResolvedValue({
      posts: [
        post({ id: 'p-2', url: 'https://x.com/degen42/status/2' }),
        post({ id: 'p-1', label: 'negative', score: -0.62, text: 'rug pull, rekt', url: 'javascript:alert(1)' }),
      ],
    });
    renderWithQuery(<PostsPanel address={ADDRESS} />);
    const posts = await screen.findAllByTestId('post');
    expect(posts.map((p) => p.getAttribute('data-label'))).toEqual(['positive', 'negative']);
    expect(within(posts[0]!).getByTestId('post-score').textContent).toBe('+0.81');
    expect(within(posts[1]!).getByTestId('post-score').textContent).toBe('-0.62');
    expect(within(posts[0]!).getByRole('link').getAttribute('href')).toBe('https://x.com/degen42/status/2');
    expect(within(posts[1]!).queryByRole('link'), 'no javascript: link').toBeNull();
    expect(mock.request).toHaveBeenCalledWith(`/memecoins/tokens/${ADDRESS}/posts`, expect.anything(), {
      query: { limit: 30 },
    });
  });

  it('says when no post was collected', async () => {
    mock.request.mockReset().mockResolvedValue({ posts: [] });
    renderWithQuery(<PostsPanel address={ADDRESS} />);
    expect(await screen.findByText('No posts collected for this token yet.')).toBeTruthy();
  });
});
