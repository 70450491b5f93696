import { describe, expect, it } from 'vitest';
import { quotaWords } from './quota-words';

const status = {
  provider: 'alphavantage',
  day: '2026-12-04',
  used: 5,
  quota: 25,
  remaining: 20,
  exhaustedReason: null,
  configured: true,
};

describe('quotaWords', () => {
  it('says how many requests are left today, in green while plenty are', () => {
    expect(quotaWords(status)).toEqual({
      text: 'Alpha Vantage: 20 of 25 requests left',
      tone: 'success',
      title: '5 used on budget day 2026-12-04; fresh data is never fetched twice.',
    });
  });

  it('warns at a fifth left and shows none left in red', () => {
    expect(quotaWords({ ...status, used: 20, remaining: 5 }).tone).toBe('warning');
    expect(quotaWords({ ...status, used: 25, remaining: 0 }).tone).toBe('danger');
  });

  it("names the provider's limit answer when it ended the day early", () => {
    const words = quotaWords({ ...status, exhaustedReason: 'Note: 25 requests per day' });
    expect(words.text).toBe('Alpha Vantage: limit reached');
    expect(words.tone).toBe('danger');
    expect(words.title).toContain('Note: 25 requests per day');
  });

  it('says prices come from Yahoo without a key', () => {
    expect(quotaWords({ ...status, configured: false })).toMatchObject({
      text: 'Alpha Vantage: no API key',
      tone: 'neutral',
    });
  });
});
