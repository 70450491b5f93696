import { signalActionSchema, type SignalAction, type StrategySummary } from '@marketlens/contracts';
import { Select } from '../../../shared/ui/field';
import { ACTION_WORDS, type SignalFilter } from '../model/signal-feed';

/** Narrows the feed (stored and streamed signals alike) to one strategy, symbol or action. */
export function SignalFilters({
  filter,
  onChange,
  strategies,
  symbols,
}: {
  filter: SignalFilter;
  onChange: (filter: SignalFilter) => void;
  strategies: readonly StrategySummary[];
  symbols: readonly string[];
}) {
  const set = (key: keyof SignalFilter, value: string) =>
    onChange({ ...filter, [key]: value === '' ? undefined : value });
  return (
    <div className="mb-3 grid grid-cols-3 gap-2" role="group" aria-label="Filter signals">
      <Select
        aria-label="Strategy"
        data-testid="signal-filter-strategy"
        value={filter.strategyId ?? ''}
        onChange={(e) => set('strategyId', e.target.value)}
      >
        <option value="">All strategies</option>
        {strategies.map((s) => (
          <option key={s.id} value={s.id}>
            {s.name}
          </option>
        ))}
      </Select>
      <Select
        aria-label="Symbol"
        data-testid="signal-filter-symbol"
        value={filter.symbol ?? ''}
        onChange={(e) => set('symbol', e.target.value)}
      >
        <option value="">All symbols</option>
        {symbols.map((symbol) => (
          <option key={symbol}>{symbol}</option>
        ))}
      </Select>
      <Select
        aria-label="Action"
        data-testid="signal-filter-action"
        value={filter.action ?? ''}
        onChange={(e) => set('action', e.target.value as SignalAction | '')}
      >
        <option value="">All actions</option>
        {signalActionSchema.options.map((action) => (
          <option key={action} value={action}>
            {ACTION_WORDS[action].label}
          </option>
        ))}
      </Select>
    </div>
  );
}
