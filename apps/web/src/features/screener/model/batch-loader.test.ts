import { describe, expect, it, vi } from 'vitest';
import { createBatchLoader } from './batch-loader';

describe('createBatchLoader', () => {
  it('sends keys asked for together as one call and hands each its own value', async () => {
    const loadMany = vi.fn(
      async (keys: string[]) => new Map(keys.filter((k) => k !== 'NONE').map((k) => [k, k.length])),
    );
    const loader = createBatchLoader(loadMany, { maxBatch: 10, waitMs: 5 });
    const values = await Promise.all(['AB', 'ABC', 'AB', 'NONE'].map((k) => loader.load(k)));
    expect(values).toEqual([2, 3, 2, null]);
    expect(loadMany, 'one call, each key once').toHaveBeenCalledTimes(1);
    expect(loadMany.mock.calls[0]?.[0]).toEqual(['AB', 'ABC', 'NONE']);
  });

  it('splits at the batch limit', async () => {
    const loadMany = vi.fn(async (keys: string[]) => new Map(keys.map((k) => [k, k])));
    const loader = createBatchLoader(loadMany, { maxBatch: 2, waitMs: 5 });
    await Promise.all(['A', 'B', 'C', 'D', 'E'].map((k) => loader.load(k)));
    expect(loadMany.mock.calls.map((c) => c[0])).toEqual([['A', 'B'], ['C', 'D'], ['E']]);
  });

  it('fails every load of a batch whose call failed', async () => {
    const loader = createBatchLoader(() => Promise.reject(new Error('down')), { maxBatch: 5, waitMs: 1 });
    await expect(Promise.all([loader.load('A'), loader.load('B')])).rejects.toThrow('down');
  });
});
