import { describe, expect, it } from 'vitest';
import type { CollectorStatus } from '../api/collectors.api';
import { collectorState, quotaWords } from './collector-words';

const base: CollectorStatus = {
  name: 'x',
  configured: true,
  reason: null,
  lastRunAt: null,
  lastStatus: null,
  lastError: null,
  itemsLastRun: null,
  quota: null,
};

describe('collectorState', () => {
  it('says a collector without its setting is not configured, whatever its last run did', () => {
    expect(collectorState({ ...base, configured: false, lastStatus: 'ok' }).label).toBe('not configured');
  });

  it('tells a failing collector from one that has not run yet', () => {
    expect(collectorState({ ...base, lastStatus: 'error' })).toEqual({ label: 'failing', tone: 'danger' });
    expect(collectorState(base)).toEqual({ label: 'not run yet', tone: 'info' });
  });
});

describe('quotaWords', () => {
  it('gives what is left of the window with its size', () => {
    expect(quotaWords({ limit: 1000, remaining: 42, resetAt: null })).toBe('42 of 1,000 left');
  });

  it('says when the provider reports no limit', () => {
    expect(quotaWords(null)).toBe('no limit known');
    expect(quotaWords({ limit: null, remaining: null, resetAt: null })).toBe('no limit known');
    expect(quotaWords({ limit: null, remaining: 7, resetAt: null })).toBe('7 left');
  });
});
