import type { Instrument, Timeframe } from '@marketlens/contracts';
import { useState, type FormEvent } from 'react';
import { Button } from '../../../shared/ui/button';
import { Field, Select } from '../../../shared/ui/field';

/**
 * Admins: run the version shown live on one series of stored bars. The engine warms the indicators up on the
 * bars stored so far; every bar stored afterwards (ingestion, upload, replay) is live and may fire a signal.
 */
export function DeployForm({
  version,
  timeframe,
  instruments,
  busy,
  onDeploy,
}: {
  version: number;
  timeframe: Timeframe;
  instruments: readonly Instrument[];
  busy: boolean;
  onDeploy: (symbol: string) => void;
}) {
  // Live runs read bars of the strategy's own timeframe as they are stored.
  const eligible = instruments.filter((i) => i.timeframes.some((t) => t.timeframe === timeframe));
  const [symbol, setSymbol] = useState('');
  const chosen = eligible.some((i) => i.symbol === symbol) ? symbol : (eligible[0]?.symbol ?? '');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (chosen) onDeploy(chosen);
  };
  return (
    <form onSubmit={submit} noValidate className="flex flex-wrap items-end gap-3">
      <Field label={`Instrument (${timeframe} bars)`} className="min-w-48 flex-1">
        {(id) => (
          <Select id={id} data-testid="deploy-symbol" value={chosen} onChange={(e) => setSymbol(e.target.value)}>
            {eligible.length === 0 ? <option value="">No instrument has {timeframe} bars</option> : null}
            {eligible.map((i) => (
              <option key={i.symbol} value={i.symbol}>
                {i.symbol}
                {i.synthetic ? ' (synthetic)' : ''}
              </option>
            ))}
          </Select>
        )}
      </Field>
      <Button type="submit" data-testid="deploy-submit" disabled={busy || chosen === ''}>
        {busy ? 'Enabling…' : `Enable v${version} live`}
      </Button>
    </form>
  );
}
