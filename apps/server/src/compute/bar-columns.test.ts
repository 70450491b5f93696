import { describe, expect, it } from 'vitest';
import { packBars, unpackBars } from './bar-columns';

describe('packBars / unpackBars', () => {
  it('round-trips bars exactly, epoch-millisecond timestamps included', () => {
    const bars = [
      { ts: Date.UTC(2024, 0, 2), open: 1.1, high: 1.3, low: 0.9, close: 1.2, volume: 1e9 + 1 },
      { ts: Date.UTC(2024, 0, 3), open: 1.2, high: 1.25, low: 1.15, close: 1.2, volume: 0 },
    ];
    expect(unpackBars(packBars(bars).columns)).toEqual(bars);
    expect(unpackBars(packBars([]).columns)).toEqual([]);
  });

  it('gives one whole, distinct buffer per column to transfer', () => {
    const { columns, transfer } = packBars([{ ts: 1, open: 2, high: 3, low: 1, close: 2, volume: 5 }]);
    expect(new Set(transfer).size).toBe(6);
    for (const column of Object.values(columns)) {
      expect(transfer, 'transferring moves the whole buffer, so it must hold only this column').toContain(
        column.buffer,
      );
      expect(column.byteLength).toBe(column.buffer.byteLength);
    }
  });
});
