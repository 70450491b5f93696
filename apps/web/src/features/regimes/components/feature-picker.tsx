import { REGIME_FEATURES, type RegimeFeature } from '@marketlens/contracts';
import { cx } from '../../../shared/ui/cx';
import { toggleFeature } from '../model/regime-options';

const DESCRIPTIONS: Record<RegimeFeature, string> = {
  logret: 'Log return of the bar',
  absret: 'Absolute log return',
  vol5: 'Volatility of the last 5 returns',
  vol10: 'Volatility of the last 10 returns',
  vol20: 'Volatility of the last 20 returns',
  vol60: 'Volatility of the last 60 returns',
  range: 'High-low range, ln(high / low)',
  volz20: 'Volume z-score against the previous 20 bars',
};

/** A multi-select as toggle chips: eight options fit on two lines and every choice stays visible. */
export function FeaturePicker(props: {
  id: string;
  value: readonly RegimeFeature[];
  onChange: (value: RegimeFeature[]) => void;
  disabled?: boolean;
}) {
  return (
    <div
      id={props.id}
      role="group"
      aria-label="Features"
      data-testid="regimes-features"
      className="flex flex-wrap gap-1.5"
    >
      {REGIME_FEATURES.map((feature) => {
        const on = props.value.includes(feature);
        return (
          <button
            key={feature}
            type="button"
            title={DESCRIPTIONS[feature]}
            aria-pressed={on}
            disabled={props.disabled}
            onClick={() => props.onChange(toggleFeature(props.value, feature))}
            className={cx(
              'rounded-md px-2 py-1 font-mono text-xs font-semibold ring-1 transition-colors ring-inset',
              on
                ? 'bg-slate-900 text-white ring-slate-900'
                : 'bg-white text-slate-600 ring-slate-300 hover:bg-slate-100',
            )}
          >
            {feature}
          </button>
        );
      })}
    </div>
  );
}
