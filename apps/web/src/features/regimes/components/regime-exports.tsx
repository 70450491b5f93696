import type { RegimeFit, RegimeFitSummary } from '@marketlens/contracts';
import { useState } from 'react';
import { Button } from '../../../shared/ui/button';
import { fetchRegimeModel, fetchRegimeSeries } from '../api/regimes.api';
import { downloadText } from '../../../shared/file/download';
import { buildRegimeCsv } from '../model/regime-csv';

/** The series endpoint downsamples above this; a fit with more rows exports its every-n-th rows. */
const MAX_SERIES_POINTS = 100_000;

/** CSV of path + probabilities (built here from every row of the series) and the model JSON. */
export function RegimeExports({ fit, result }: { fit: RegimeFit; result: RegimeFitSummary }) {
  const [busy, setBusy] = useState<'csv' | 'model' | null>(null);
  const [error, setError] = useState<string | null>(null);
  const stem = `${fit.symbol}-regimes-k${result.nStates}-${fit.id.slice(0, 8)}`;

  const run = async (what: 'csv' | 'model') => {
    setBusy(what);
    setError(null);
    try {
      if (what === 'csv') {
        const maxPoints = Math.min(MAX_SERIES_POINTS, Math.max(10, result.nObservations));
        const series = await fetchRegimeSeries(fit.id, maxPoints);
        downloadText(`${stem}.csv`, buildRegimeCsv(series, result.states), 'text/csv');
      } else {
        const model = await fetchRegimeModel(fit.id);
        downloadText(`${stem}.model.json`, `${JSON.stringify(model, null, 2)}\n`, 'application/json');
      }
    } catch (cause) {
      setError(cause instanceof Error ? cause.message : 'The export failed.');
    } finally {
      setBusy(null);
    }
  };

  return (
    <>
      {error ? (
        <span role="alert" className="max-w-64 truncate text-xs text-rose-700" title={error}>
          {error}
        </span>
      ) : null}
      <Button
        variant="secondary"
        size="sm"
        data-testid="regime-export-csv"
        disabled={busy !== null}
        onClick={() => void run('csv')}
      >
        {busy === 'csv' ? 'Exporting…' : 'Export CSV'}
      </Button>
      <Button
        variant="secondary"
        size="sm"
        data-testid="regime-export-model"
        disabled={busy !== null}
        onClick={() => void run('model')}
      >
        {busy === 'model' ? 'Exporting…' : 'Model JSON'}
      </Button>
    </>
  );
}
