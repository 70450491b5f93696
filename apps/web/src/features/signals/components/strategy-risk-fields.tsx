import type { ReactNode } from 'react';
import { Field, Select, TextInput } from '../../../shared/ui/field';
import type { StrategyFormValues } from '../model/strategy-form';

type Values = StrategyFormValues;
type Setter = <K extends keyof Values>(key: K, value: Values[K]) => void;

interface NumberSpec {
  key: keyof Values;
  label: string;
  placeholder?: string;
}

const RISK: readonly NumberSpec[] = [
  { key: 'stopLossPct', label: 'Stop loss (%)', placeholder: 'none' },
  { key: 'takeProfitPct', label: 'Take profit (%)', placeholder: 'none' },
  { key: 'trailingStopPct', label: 'Trailing stop (%)', placeholder: 'none' },
  { key: 'maxBarsInTrade', label: 'Max bars in trade', placeholder: 'none' },
  { key: 'cooldownBars', label: 'Cooldown (bars)' },
  { key: 'sizingPct', label: 'Size (% of equity)' },
  { key: 'feePct', label: 'Fee per side (%)' },
  { key: 'slippageBps', label: 'Slippage (bps)' },
];

/** Risk, costs and the optional regime and forecast filters, in the units people think in (percent, bars). */
export function StrategyRiskFields({
  values,
  set,
  readOnly,
  problems,
}: {
  values: Values;
  set: Setter;
  readOnly: boolean;
  problems: Partial<Record<keyof Values, string>>;
}) {
  const hint = (key: keyof Values): ReactNode =>
    problems[key] ? <span className="text-rose-700">{problems[key]}</span> : undefined;
  const text = (spec: NumberSpec, className?: string) => (
    <Field key={spec.key} label={spec.label} hint={hint(spec.key)} className={className}>
      {(id) => (
        <TextInput
          id={id}
          data-testid={`strategy-${spec.key}`}
          inputMode="decimal"
          value={values[spec.key] as string}
          placeholder={spec.placeholder}
          readOnly={readOnly}
          onChange={(e) => set(spec.key, e.target.value)}
        />
      )}
    </Field>
  );
  const filtersUsed = values.regimeAllow.trim() !== '' || values.gateModel.trim() !== '';
  return (
    <>
      <fieldset className="grid grid-cols-2 gap-3 sm:grid-cols-4">
        <legend className="mb-2 text-xs font-semibold tracking-wide text-slate-500 uppercase">Risk and costs</legend>
        {RISK.map((spec) => text(spec))}
      </fieldset>
      <details className="rounded-md border border-slate-200 px-3 py-2" open={filtersUsed}>
        <summary className="cursor-pointer text-xs font-semibold tracking-wide text-slate-500 uppercase">
          Filters (optional)
        </summary>
        <p className="mt-2 text-xs text-slate-500">
          Backtests and the live engine apply both: the regime filter on the filtered probabilities of the
          symbol&rsquo;s tracked regime fit, the gate on the registered model&rsquo;s out-of-sample predictions (a gated
          backtest starts after the model&rsquo;s last training bar).
        </p>
        <div className="mt-3 grid grid-cols-2 gap-3 sm:grid-cols-4">
          {text({ key: 'regimeAllow', label: 'Allowed regimes', placeholder: 'e.g. bull / low vol' }, 'col-span-2')}
          {text({ key: 'regimeMinProbabilityPct', label: 'Min regime probability (%)' })}
          {text({ key: 'regimeFitId', label: 'Regime fit id', placeholder: 'tracked fit' })}
          {text({ key: 'gateModel', label: 'Gate model', placeholder: 'e.g. forecast-BTC-USD-h1' })}
          {text({ key: 'gateAlias', label: 'Gate alias' })}
          <Field label="Gate condition" hint={hint('gateKind')}>
            {(id) => (
              <Select
                id={id}
                value={values.gateKind}
                disabled={readOnly}
                onChange={(e) => set('gateKind', e.target.value as Values['gateKind'])}
              >
                <option value="minPredictedReturn">min predicted log return</option>
                <option value="minProbUp">min P(up) (%)</option>
              </Select>
            )}
          </Field>
          {text({ key: 'gateThreshold', label: 'Gate threshold' })}
        </div>
      </details>
    </>
  );
}
