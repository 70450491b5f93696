import { describe, expect, it } from 'vitest';
import { largeMoves, levelCrossings } from './price-crossings';

const bars = (closes: number[]) => closes.map((close, i) => ({ ts: i * 60_000, close }));

describe('levelCrossings', () => {
  it('fires on the bar that crosses, once per crossing, in the direction asked', () => {
    const series = bars([99, 100, 101, 99.5, 102, 98]);
    expect(levelCrossings(98, series, 100, 'above').map((c) => c.bar.close)).toEqual([100, 102]);
    expect(levelCrossings(98, series, 100, 'below').map((c) => c.bar.close)).toEqual([99.5, 98]);
    expect(levelCrossings(98, series, 100, 'either').map((c) => `${c.side} ${c.bar.close} from ${c.from}`)).toEqual([
      'above 100 from 99',
      'below 99.5 from 101',
      'above 102 from 99.5',
      'below 98 from 102',
    ]);
  });

  it('needs a previous close: the first bar of a rule with no history cannot cross', () => {
    expect(levelCrossings(null, bars([101]), 100, 'either')).toEqual([]);
    expect(levelCrossings(null, bars([99, 101]), 100, 'above').map((c) => c.bar.close)).toEqual([101]);
  });

  it('does not fire while the price stays on one side or touches the level from it', () => {
    expect(levelCrossings(101, bars([102, 100.5, 103]), 100, 'either')).toEqual([]);
    // Sitting exactly on the level is not a side: leaving it upward is no crossing from below.
    expect(levelCrossings(100, bars([101]), 100, 'above')).toEqual([]);
  });
});

describe('largeMoves', () => {
  it('fires when the move over the window first reaches the threshold, not again while it holds', () => {
    // window 2: 110/100 - 1 = 10%, 121/105 - 1 = 15.2% (still above: no second alert), 110/110 - 1 = 0%,
    // then 134/121 - 1 = 10.7%: a new move.
    const hits = largeMoves([100, 105], bars([110, 121, 110, 134]), 0.1, 2, 'up');
    expect(hits.map((h) => [h.bar.close, Number(h.move.toFixed(4)), h.from])).toEqual([
      [110, 0.1, 100],
      [134, 0.1074, 121],
    ]);
  });

  it('reads falls for down and both ways for either', () => {
    // 95/100 - 1 = -5%, then 89/95 - 1 = -6.3%: the same fall, raised once.
    expect(largeMoves([100], bars([95, 89]), 0.05, 1, 'down').map((h) => h.bar.close)).toEqual([95]);
    expect(largeMoves([100], bars([95, 89]), 0.05, 1, 'up')).toEqual([]);
    // +6%, then 100/106 - 1 = -5.7%: a reversal is a new move.
    expect(largeMoves([100], bars([106, 100]), 0.05, 1, 'either').map((h) => h.bar.close)).toEqual([106, 100]);
  });

  it('skips bars without a full window behind them', () => {
    expect(largeMoves([], bars([100, 120, 150]), 0.1, 2, 'up').map((h) => h.bar.close)).toEqual([150]);
  });
});
