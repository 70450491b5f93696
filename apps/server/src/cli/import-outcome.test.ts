import { describe, expect, it } from 'vitest';
import type { ImportSummary } from '@marketlens/contracts';
import { importOutcome } from './import-outcome';

const summary = (counts: Partial<ImportSummary>): ImportSummary => ({
  symbol: 'X',
  timeframe: '1d',
  rows: 0,
  inserted: 0,
  updated: 0,
  unchanged: 0,
  rejected: [],
  rejectedTotal: 0,
  layout: 'generic',
  ...counts,
});
const oneRejected = { rejected: [{ line: 3, reason: 'close is not a number' }], rejectedTotal: 1 };

describe('importOutcome', () => {
  it('exits 0 when every row is stored, and again when a re-import finds them all unchanged', () => {
    expect(importOutcome(summary({ rows: 5, inserted: 5 }), false)).toEqual({ exitCode: 0 });
    expect(importOutcome(summary({ rows: 5, unchanged: 5 }), false)).toEqual({ exitCode: 0 });
  });

  it('exits 65 ROWS_REJECTED when a row was rejected, unless rejections are allowed', () => {
    const partial = summary({ rows: 5, inserted: 4, ...oneRejected });
    expect(importOutcome(partial, false)).toEqual({
      exitCode: 65,
      problem: {
        code: 'ROWS_REJECTED',
        message: '1 row rejected, 4 stored (--allow-rejected accepts a partial import)',
      },
    });
    expect(importOutcome(partial, true)).toEqual({ exitCode: 0 });
  });

  it('exits 65 NOTHING_IMPORTED when no row was stored, whatever --allow-rejected says', () => {
    for (const allow of [false, true]) {
      expect(importOutcome(summary({ rows: 1, ...oneRejected }), allow).problem).toEqual({
        code: 'NOTHING_IMPORTED',
        message: 'nothing imported: the only row was rejected',
      });
      expect(importOutcome(summary({}), allow)).toMatchObject({
        exitCode: 65,
        problem: { code: 'NOTHING_IMPORTED', message: 'nothing imported: the file has no data rows' },
      });
    }
  });
});
