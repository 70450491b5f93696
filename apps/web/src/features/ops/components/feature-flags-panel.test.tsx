import type { FeatureFlag } from '@marketlens/contracts';
import { cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { renderWithQuery } from '../testing/render-with-query';
import { FeatureFlagsPanel } from './feature-flags-panel';

const mock = vi.hoisted(() => ({ request: vi.fn() }));
vi.mock('../../../shared/api/api', () => ({ api: { request: mock.request } }));

let flags: FeatureFlag[];
beforeEach(() => {
  flags = [{ key: 'signals.ml-gate', enabled: false, description: 'ML gate', updatedAt: '2026-12-04T10:00:00.000Z' }];
  mock.request
    .mockReset()
    .mockImplementation(async (path: string, _schema, options?: { method?: string; body?: unknown }) => {
      if (options?.method === 'PATCH') {
        const flag = flags.find((f) => path.endsWith(encodeURIComponent(f.key)))!;
        flag.enabled = (options.body as { enabled: boolean }).enabled;
        return flag;
      }
      if (options?.method === 'POST') {
        const created = { ...(options.body as { key: string }), enabled: false, description: null, updatedAt: '' };
        flags.push(created as FeatureFlag);
        return created;
      }
      return { flags: flags.map((f) => ({ ...f })) };
    });
});
afterEach(cleanup);

describe('FeatureFlagsPanel', () => {
  it('switches a flag with its toggle', async () => {
    renderWithQuery(<FeatureFlagsPanel />);
    const toggle = await screen.findByRole('switch', { name: 'signals.ml-gate off' });
    expect(toggle.getAttribute('aria-checked')).toBe('false');
    fireEvent.click(toggle);
    await waitFor(() => expect(screen.getByRole('switch').getAttribute('aria-checked')).toBe('true'));
    expect(mock.request).toHaveBeenCalledWith('/ops/flags/signals.ml-gate', expect.anything(), {
      method: 'PATCH',
      body: { enabled: true },
    });
  });

  it('adds a flag from the form', async () => {
    renderWithQuery(<FeatureFlagsPanel />);
    await screen.findByRole('switch');
    fireEvent.change(screen.getByLabelText('Key'), { target: { value: ' e2e.dark-launch ' } });
    fireEvent.click(screen.getByRole('button', { name: 'Add flag' }));
    await waitFor(() => expect(screen.getAllByRole('switch')).toHaveLength(2));
    expect(mock.request).toHaveBeenCalledWith('/ops/flags', expect.anything(), {
      method: 'POST',
      body: { key: 'e2e.dark-launch' },
    });
  });
});
