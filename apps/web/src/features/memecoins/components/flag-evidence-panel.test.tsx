import { cleanup, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { FlagMarker } from '../model/flag-markers';
import { assessment, ASSESSMENT_ID, TX_A, TX_B, WALLET } from '../testing/meme-fixtures';
import { renderWithQuery } from '../testing/render-with-query';
import { FlagEvidencePanel } from './flag-evidence-panel';

const mock = vi.hoisted(() => ({ request: vi.fn() }));
vi.mock('../../../shared/api/api', () => ({ api: { request: mock.request } }));

afterEach(cleanup);

const marker = (code: FlagMarker['code']): FlagMarker => ({
  key: `${code}@1`,
  t: 1,
  code,
  level: 'danger',
  message: 'from the timeline',
  assessmentId: ASSESSMENT_ID,
  assessments: 1,
});

const values = (testId: string) => screen.queryAllByTestId(testId).map((e) => e.getAttribute('data-value'));

describe('FlagEvidencePanel', () => {
  it("lists the assessment's evidence for the clicked flag: transactions, blocks and wallets", async () => {
    mock.request.mockReset().mockResolvedValue(assessment());
    renderWithQuery(<FlagEvidencePanel marker={marker('WASH_CYCLE')} synthetic={false} onClose={() => {}} />);
    expect((await screen.findByTestId('flag-evidence-message')).textContent).toBe('4 wash cycles through 3 wallets');
    expect(mock.request).toHaveBeenCalledWith(`/memecoins/assessments/${ASSESSMENT_ID}`, expect.anything());
    expect(values('evidence-tx')).toEqual([TX_A, TX_B]);
    expect(values('evidence-block')).toEqual(['100', '101']);
    expect(values('evidence-address')).toEqual([WALLET]);
    const link = screen.getAllByTestId('evidence-tx')[0]!;
    expect(link.getAttribute('href'), 'a real token links to Etherscan').toBe(`https://etherscan.io/tx/${TX_A}`);
    expect(link.textContent, 'shortened on screen').toBe('0xa1a1…a1a1');
    expect(link.getAttribute('title')).toBe(TX_A);
  });

  it('does not link the made-up hashes of a synthetic token', async () => {
    mock.request.mockReset().mockResolvedValue(assessment());
    renderWithQuery(<FlagEvidencePanel marker={marker('WASH_CYCLE')} synthetic onClose={() => {}} />);
    await screen.findByTestId('flag-evidence-message');
    expect(screen.getAllByTestId('evidence-tx')[0]!.getAttribute('href')).toBeNull();
  });

  it('shows bar times in UTC and post ids', async () => {
    mock.request.mockReset().mockResolvedValue(assessment());
    renderWithQuery(<FlagEvidencePanel marker={marker('SENTIMENT_SPIKE')} synthetic onClose={() => {}} />);
    await screen.findByTestId('flag-evidence-message');
    expect(screen.getByTestId('evidence-bar').textContent).toBe('2026-01-02 05:00 UTC');
    expect(values('evidence-post')).toEqual(['p-7']);
    expect(screen.queryByTestId('evidence-transactions'), 'no empty groups').toBeNull();
  });

  it('says so when the assessment does not carry the flag', async () => {
    mock.request.mockReset().mockResolvedValue(assessment());
    renderWithQuery(<FlagEvidencePanel marker={marker('MINT_EVENT')} synthetic onClose={() => {}} />);
    expect(await screen.findByText(/no longer lists MINT_EVENT/)).toBeTruthy();
  });
});
