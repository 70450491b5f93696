import { describe, expect, it } from 'vitest';
import { riskBand, trendBetween, trendWords } from './risk-band';

describe('riskBand', () => {
  it('puts the band edges where the page legend says: 30 and 60 open the upper bands', () => {
    expect([0, 29, 30, 59, 60, 100].map(riskBand)).toEqual(['low', 'low', 'elevated', 'elevated', 'high', 'high']);
  });
});

describe('trendWords', () => {
  it('names the previous score in the title of a rising score', () => {
    expect(trendWords('up', 35)).toEqual({ arrow: '▲', title: 'Riskier than the previous assessment (35)' });
  });

  it('leaves the previous score out when there is none', () => {
    expect(trendWords('flat', null)).toEqual({ arrow: '▶', title: 'Same score as the previous assessment' });
  });

  it('has no arrow for a token never assessed', () => {
    expect(trendWords(null, null)).toBeNull();
  });
});

describe('trendBetween', () => {
  it('calls a higher score than the one before up (riskier)', () => {
    expect([trendBetween(70, 35), trendBetween(20, 35), trendBetween(35, 35), trendBetween(35, null)]).toEqual([
      'up',
      'down',
      'flat',
      null,
    ]);
  });
});
