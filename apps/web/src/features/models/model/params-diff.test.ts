import { describe, expect, it } from 'vitest';
import { diffParams, paramRowsOf } from './params-diff';

describe('diffParams', () => {
  const rows = [
    { key: 'horizon', values: ['1', '1', '1'] },
    { key: 'model', values: ['ridge', 'gbdt', 'ridge'] },
    { key: 'param.trees', values: [null, '200', null] },
  ];

  it('flags rows that differ and the cells that differ from the first (reference) run', () => {
    const diff = diffParams(rows);
    expect(diff.map((r) => [r.key, r.differs])).toEqual([
      ['horizon', false],
      ['model', true],
      ['param.trees', true],
    ]);
    expect(diff[1]?.changed).toEqual([false, true, false]);
    expect(diff[2]?.changed, 'a param only one run has is a difference').toEqual([false, true, false]);
  });

  it('keeps only the differing rows on request', () => {
    expect(diffParams(rows, { onlyDifferences: true }).map((r) => r.key)).toEqual(['model', 'param.trees']);
  });
});

describe('paramRowsOf', () => {
  it('builds rows over the union of keys, sorted, with null where a run lacks a key', () => {
    expect(paramRowsOf([{ b: '1', a: 'x' }, { a: 'y' }])).toEqual([
      { key: 'a', values: ['x', 'y'] },
      { key: 'b', values: ['1', null] },
    ]);
  });
});
