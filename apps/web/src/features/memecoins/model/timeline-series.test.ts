import { describe, expect, it } from 'vitest';
import { pricePrecision, sentimentBlocks, sentimentColor, timelineSeries } from './timeline-series';

const ID = '00000000-0000-4000-8000-000000000001';

describe('sentimentColor', () => {
  it('greys out buckets within the neutral cut-off and deepens with strength either way', () => {
    expect(sentimentColor(0.04)).toBe('#94a3b8');
    expect(sentimentColor(-0.04)).toBe('#94a3b8');
    expect(sentimentColor(0.1)).toBe('#6ee7b7');
    expect(sentimentColor(0.8)).toBe('#059669');
    expect(sentimentColor(-0.1)).toBe('#fda4af');
    expect(sentimentColor(-0.8)).toBe('#e11d48');
  });
});

describe('timelineSeries', () => {
  it('converts epoch ms to whole chart seconds and sorts the risk steps', () => {
    const series = timelineSeries({
      price: [{ t: 1_700_000_000_000, close: 1.5, volume: 10 }],
      sentiment: [{ t: 1_700_000_000_000, posts: 4, meanSentiment: 0.6 }],
      risk: [
        { t: 1_700_000_900_500, riskScore: 70, assessmentId: ID },
        { t: 1_700_000_300_000, riskScore: 20, assessmentId: ID },
      ],
    });
    expect(series.price).toEqual([{ time: 1_700_000_000, value: 1.5 }]);
    expect(series.sentiment).toEqual([{ time: 1_700_000_000, value: 4, color: '#059669' }]);
    expect(series.sentimentBlocks, 'one price bar: nothing to widen the bucket over').toEqual(series.sentiment);
    expect(series.risk).toEqual([
      { time: 1_700_000_300, value: 20 },
      { time: 1_700_000_900, value: 70 },
    ]);
  });

  it('keeps the last of two risk points in the same second: the chart refuses duplicate times', () => {
    const series = timelineSeries({
      price: [],
      sentiment: [],
      risk: [
        { t: 5_000, riskScore: 10, assessmentId: ID },
        { t: 5_400, riskScore: 40, assessmentId: ID },
      ],
    });
    expect(series.risk).toEqual([{ time: 5, value: 40 }]);
  });
});

describe('pricePrecision', () => {
  it('shows four significant digits of tiny prices and two decimals of ordinary ones', () => {
    expect(pricePrecision(0.00001234), '0.00001234').toBe(8);
    expect(pricePrecision(0.5)).toBe(4);
    expect(pricePrecision(12.34)).toBe(2);
    expect(pricePrecision(45_000)).toBe(2);
  });

  it('falls back to two decimals without a price', () => {
    expect(pricePrecision(0)).toBe(2);
    expect(pricePrecision(Number.NaN)).toBe(2);
  });
});

describe('sentimentBlocks', () => {
  const bucket = { time: 7200, value: 3, color: '#94a3b8' };

  it('repeats an hourly bucket on each 5-minute bar of its hour', () => {
    const blocks = sentimentBlocks([bucket], [0, 300, 600]);
    expect(blocks).toHaveLength(12);
    expect(blocks.map((b) => b.time)).toEqual(Array.from({ length: 12 }, (_, k) => 7200 + k * 300));
    expect(blocks.every((b) => b.value === 3)).toBe(true);
  });

  it('leaves buckets alone on an hourly or coarser axis', () => {
    expect(sentimentBlocks([bucket], [0, 3600, 7200])).toEqual([bucket]);
  });
});
