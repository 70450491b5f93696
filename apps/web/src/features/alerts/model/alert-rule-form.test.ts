import { describe, expect, it } from 'vitest';
import { kindForm } from './alert-params';
import { newRuleDraft, toRuleRequest } from './alert-rule-form';

const form = kindForm('price_cross', {
  type: 'object',
  properties: {
    level: { type: 'number', exclusiveMinimum: 0 },
    direction: { default: 'either', type: 'string', enum: ['above', 'below', 'either'] },
  },
  required: ['level'],
});

describe('toRuleRequest', () => {
  it('builds the create request from the inputs', () => {
    const draft = { ...newRuleDraft('price_cross', form, 'BTC-USD'), name: ' Breakout ', cooldownMinutes: '60' };
    draft.values.level = '45000';
    expect(toRuleRequest(draft, form)).toEqual({
      ok: true,
      request: {
        name: 'Breakout',
        kind: 'price_cross',
        symbol: 'BTC-USD',
        timeframe: '1d',
        params: { level: 45000, direction: 'either' },
        cooldownMinutes: 60,
        enabled: true,
      },
    });
  });

  it('lists every input to fix at once', () => {
    const draft = { ...newRuleDraft('price_cross', form, ''), cooldownMinutes: '1.5' };
    const result = toRuleRequest(draft, form);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.problems).toEqual([
      'Name is required.',
      'Symbol is required.',
      'Cooldown (minutes) must be a whole number from 0 to 525600.',
      'Price level is required.',
    ]);
  });
});
