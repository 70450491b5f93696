/** Column field names per view of the screener table; symbol first. */
export const SCREEN_VIEWS: Record<'overview' | 'performance' | 'technical' | 'fundamental', readonly string[]> = {
  overview: ['symbol', 'name', 'sector', 'industry', 'marketCap', 'price', 'ret3m', 'relVol', 'score'],
  performance: ['symbol', 'price', 'ret1w', 'ret1m', 'ret3m', 'ret6m', 'ret1y', 'rs3m', 'high52wDist', 'maxDd1y'],
  technical: [
    'symbol',
    'price',
    'sma20Dist',
    'sma50Dist',
    'sma200Dist',
    'rsi14',
    'atr14Pct',
    'vol63',
    'avgVol20',
    'relVol',
    'regime',
    'regimeProb',
  ],
  fundamental: [
    'symbol',
    'marketCap',
    'revenueGrowthQoQ',
    'revenueGrowthYoY',
    'epsGrowthQoQ',
    'epsGrowthYoY',
    'grossMargin',
    'operatingMargin',
    'profitMargin',
    'peRatio',
    'psRatio',
    'sharesFloat',
    'shortInterest',
  ],
};

export type ScreenViewName = keyof typeof SCREEN_VIEWS;

export interface ScreenPreset {
  id: string;
  name: string;
  description: string;
  filter: string;
  sort: string;
  view: ScreenViewName;
}

/** Ready-made screens (each filter parses: screen-views.test.ts). */
export const SCREEN_PRESETS: readonly ScreenPreset[] = [
  {
    id: 'momentum-leaders',
    name: 'Momentum leaders',
    description: 'Up strongly over 3 and 6 months, ahead of the benchmark, above the 50- and 200-day averages.',
    filter: 'ret3m > 20% and ret6m > 30% and rs3m > 10% and sma50Dist > 0 and sma200Dist > 0',
    sort: '-score',
    view: 'performance',
  },
  {
    id: 'new-highs-on-volume',
    name: 'New 52-week highs on volume',
    description: 'Closing within 2% of the 52-week high on at least 1.5x the usual volume, with real liquidity.',
    filter: 'high52wDist >= -2% and relVol >= 1.5 and avgVol20 >= 100000',
    sort: '-relVol',
    view: 'technical',
  },
  {
    id: 'pullback-in-uptrend',
    name: 'Pullback in an uptrend',
    description: 'Above the 200-day average and up over 6 months, dipped to near the 50-day with a cooled-off RSI.',
    filter: 'sma200Dist > 0 and ret6m > 10% and sma50Dist between -3% and 3% and rsi14 between 35 and 50',
    sort: '-ret6m',
    view: 'technical',
  },
  {
    id: 'growth-at-reasonable-price',
    name: 'Growth at a reasonable price',
    description: 'Revenue and EPS growing over 15% a year at a positive P/E of at most 25, small caps.',
    filter:
      'revenueGrowthYoY > 15% and epsGrowthYoY > 15% and peRatio > 0 and peRatio <= 25 and marketCap between 3e8 and 2e9',
    sort: '-revenueGrowthYoY',
    view: 'fundamental',
  },
];
