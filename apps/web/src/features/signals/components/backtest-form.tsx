import type { CreateBacktestRequest, Instrument, Timeframe } from '@marketlens/contracts';
import { useState, type FormEvent } from 'react';
import { formatInteger } from '../../../shared/format/format';
import { Button } from '../../../shared/ui/button';
import { Field, Select, TextInput } from '../../../shared/ui/field';

interface BacktestFormProps {
  strategyId: string;
  version: number;
  timeframe: Timeframe;
  instruments: readonly Instrument[];
  running: boolean;
  onRun: (request: CreateBacktestRequest) => void;
}

/** Midnight UTC of a yyyy-mm-dd date input, as the API's ISO time; '' means no bound. */
const dayStart = (date: string) => (date === '' ? undefined : `${date}T00:00:00.000Z`);

/**
 * Symbol and range of a backtest of the version shown. The server picks the stored bars (the strategy's
 * timeframe, else a finer one it resamples) and says in words when they do not fit.
 */
export function BacktestForm({ strategyId, version, timeframe, instruments, running, onRun }: BacktestFormProps) {
  const preferred = instruments.find((i) => i.timeframes.some((t) => t.timeframe === timeframe)) ?? instruments[0];
  const [symbol, setSymbol] = useState(preferred?.symbol ?? '');
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [cuts, setCuts] = useState('5');
  const [problem, setProblem] = useState<string | null>(null);
  const instrument = instruments.find((i) => i.symbol === symbol);
  const coverage = instrument?.timeframes.find((t) => t.timeframe === timeframe);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const lookAheadCuts = Number(cuts);
    if (cuts.trim() === '' || !Number.isInteger(lookAheadCuts)) {
      setProblem('Look-ahead check cut points must be a whole number, e.g. 5 (0 skips the check).');
      return;
    }
    // The server owns the limits (at most 20 cuts, a range with enough bars) and says in words what is wrong.
    setProblem(null);
    onRun({ strategyId, version, symbol, from: dayStart(from), to: dayStart(to), lookAheadCuts });
  };

  return (
    <form onSubmit={submit} noValidate className="flex flex-col gap-3">
      <div className="grid grid-cols-2 gap-3">
        <Field label="Instrument" className="col-span-2">
          {(id) => (
            <Select id={id} data-testid="backtest-symbol" value={symbol} onChange={(e) => setSymbol(e.target.value)}>
              {instruments.map((i) => (
                <option key={i.symbol} value={i.symbol}>
                  {i.symbol}
                  {i.synthetic ? ' (synthetic)' : ''} · {i.timeframes.map((t) => t.timeframe).join(', ')}
                </option>
              ))}
            </Select>
          )}
        </Field>
        <Field label="From (UTC, optional)">
          {(id) => (
            <TextInput
              id={id}
              type="date"
              data-testid="backtest-from"
              value={from}
              onChange={(e) => setFrom(e.target.value)}
            />
          )}
        </Field>
        <Field label="To (UTC, exclusive, optional)">
          {(id) => (
            <TextInput
              id={id}
              type="date"
              data-testid="backtest-to"
              value={to}
              onChange={(e) => setTo(e.target.value)}
            />
          )}
        </Field>
        <Field label="Look-ahead check cut points" hint="0 skips the check.">
          {(id) => (
            <TextInput
              id={id}
              inputMode="numeric"
              data-testid="backtest-cuts"
              value={cuts}
              onChange={(e) => setCuts(e.target.value)}
            />
          )}
        </Field>
      </div>
      <p className="text-xs text-slate-500">
        {coverage
          ? `${formatInteger(coverage.bars)} stored ${timeframe} bars of ${symbol}, ${coverage.first.slice(0, 10)} to ${coverage.last.slice(0, 10)}.`
          : `No stored ${timeframe} bars of ${symbol || 'this instrument'}: a finer timeframe is resampled if there is one.`}
      </p>
      {problem ? (
        <p role="alert" className="text-xs text-rose-700">
          {problem}
        </p>
      ) : null}
      <div>
        <Button type="submit" data-testid="backtest-run" disabled={running || symbol === ''}>
          {running ? 'Starting…' : `Backtest v${version}`}
        </Button>
      </div>
    </form>
  );
}
