import type { MemeToken } from '@marketlens/contracts';
import type { BadgeTone } from '../../../shared/ui/badge';

export const RISK_BANDS = ['low', 'elevated', 'high'] as const;
export type RiskBand = (typeof RISK_BANDS)[number];

/** The score's band: below 30 low, 30-59 elevated, 60 and above high (docs/meme-radar.md). */
export function riskBand(score: number): RiskBand {
  if (score >= 60) return 'high';
  if (score >= 30) return 'elevated';
  return 'low';
}

export const BAND_TONE: Readonly<Record<RiskBand, BadgeTone>> = {
  low: 'success',
  elevated: 'warning',
  high: 'danger',
};

/** Line colours of the bands, for the chart (Tailwind emerald-600, amber-500, rose-600). */
export const BAND_COLOR: Readonly<Record<RiskBand, string>> = {
  low: '#059669',
  elevated: '#f59e0b',
  high: '#e11d48',
};

export type Trend = NonNullable<MemeToken['trend']>;

const ARROW: Readonly<Record<Trend, string>> = { up: '▲', down: '▼', flat: '▶' };

const TREND_WORDS: Readonly<Record<Trend, string>> = {
  up: 'Riskier than the previous assessment',
  down: 'Less risky than the previous assessment',
  flat: 'Same score as the previous assessment',
};

/** The arrow beside a score and what it says: up means riskier than the assessment before. */
export function trendWords(
  trend: MemeToken['trend'],
  previous: number | null,
): { arrow: string; title: string } | null {
  if (trend === null) return null;
  const before = previous === null ? '' : ` (${previous})`;
  return { arrow: ARROW[trend], title: `${TREND_WORDS[trend]}${before}` };
}

/** The trend of a score against the one before it (null: no earlier assessment). */
export function trendBetween(score: number, previous: number | null): Trend | null {
  if (previous === null) return null;
  return score > previous ? 'up' : score < previous ? 'down' : 'flat';
}
