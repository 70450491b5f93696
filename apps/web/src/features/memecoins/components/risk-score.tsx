import type { MemeToken } from '@marketlens/contracts';
import { Badge } from '../../../shared/ui/badge';
import { cx } from '../../../shared/ui/cx';
import { BAND_TONE, riskBand, trendWords } from '../model/risk-band';

const ARROW_CLASS = { up: 'text-rose-600', down: 'text-emerald-600', flat: 'text-slate-400' } as const;

/** The score in its band's colour with the trend arrow (up = riskier; the previous score in the title). */
export function RiskScore({
  score,
  trend,
  previous,
  size = 'sm',
}: {
  score: number | null;
  trend: MemeToken['trend'];
  previous: number | null;
  size?: 'sm' | 'lg';
}) {
  if (score === null) {
    return (
      <span data-testid="risk-score" className="text-xs text-slate-500">
        not assessed
      </span>
    );
  }
  const band = riskBand(score);
  const arrow = trendWords(trend, previous);
  return (
    <span
      data-testid="risk-score"
      data-score={score}
      data-band={band}
      className={cx('inline-flex items-center gap-1.5', size === 'lg' && 'text-lg')}
    >
      <Badge tone={BAND_TONE[band]} title={`Risk score ${score} of 100: ${band}`}>
        <span className={cx('font-mono tabular-nums', size === 'lg' && 'px-1 text-base')}>{score}</span>
      </Badge>
      {arrow && trend ? (
        <span
          data-testid="risk-trend"
          data-trend={trend}
          title={arrow.title}
          aria-label={arrow.title}
          className={cx('text-xs', ARROW_CLASS[trend])}
        >
          {arrow.arrow}
        </span>
      ) : null}
    </span>
  );
}
