import { createHash } from 'node:crypto';
import type { RegimeFitOptions } from '@marketlens/contracts';
import type { AppContext } from '../../context';
import { VERSION } from '../../version';
import { finishRun, logArtifact, logMetrics, startRun } from '../registry/registry.service';
import type { RegimeFitComputation } from './regime-fit-compute';
import type { RegimeFitSource } from './regimes.service';

/** Fingerprint of the bars a fit saw: the same bars give the same hash on any machine. */
function barsSha256(source: RegimeFitSource): string {
  const hash = createHash('sha256');
  for (const b of source.bars) hash.update(`${b.ts},${b.open},${b.high},${b.low},${b.close},${b.volume}\n`);
  return hash.digest('hex');
}

/**
 * Records a finished fit as a run of experiment `regimes/<symbol>`: options as params, likelihood and
 * information criteria as metrics (BIC by K as a series when K was chosen), the model JSON as artifact.
 * Tracking is a record, not part of the fit: when it fails the fit still stands, and the failure is logged.
 */
export async function recordFitRun(
  ctx: AppContext,
  fit: {
    id: string;
    source: RegimeFitSource;
    options: RegimeFitOptions;
    result: RegimeFitComputation;
    userId?: string;
  },
): Promise<string | undefined> {
  const { source, options, result } = fit;
  const first = source.bars[0];
  const last = source.bars[source.bars.length - 1];
  try {
    const { runId } = await startRun(ctx, {
      experiment: `regimes/${source.symbol.toUpperCase()}`,
      name: `regime fit ${fit.id}`,
      ...(fit.userId ? { userId: fit.userId } : {}),
      params: {
        features: options.features.join(','),
        states: String(options.states),
        covarianceType: options.covarianceType,
        restarts: options.restarts,
        seed: options.seed,
        maxIter: options.maxIter,
        tol: options.tol,
        timeframe: source.timeframe,
      },
      tags: { module: 'regimes', fitId: fit.id, source: source.instrument ? 'bars' : 'csv' },
      source: {
        codeVersion: VERSION,
        dataset: {
          symbol: source.symbol.toUpperCase(),
          timeframe: source.timeframe,
          ...(first ? { from: new Date(first.ts).toISOString() } : {}),
          ...(last ? { to: new Date(last.ts).toISOString() } : {}),
          rows: source.bars.length,
          sha256: barsSha256(source),
        },
      },
    });
    const { summary } = result;
    await logMetrics(ctx, runId, [
      { key: 'logLikelihood', value: summary.logLikelihood, step: 0 },
      { key: 'aic', value: summary.aic, step: 0 },
      { key: 'bic', value: summary.bic, step: 0 },
      { key: 'nIter', value: summary.nIter, step: 0 },
      { key: 'nStates', value: summary.nStates, step: 0 },
      ...(summary.bicByK ?? [])
        .filter((k) => Number.isFinite(k.bic))
        .map((k) => ({ key: 'bicByK', value: k.bic, step: k.states })),
    ]);
    await logArtifact(ctx, runId, {
      name: 'model.json',
      contentType: 'application/json',
      body: JSON.stringify(result.model),
    });
    await finishRun(ctx, runId, { status: 'succeeded' });
    return runId;
  } catch (err) {
    ctx.log.warn({ err, fitId: fit.id }, 'regime fit not recorded as a run');
    return undefined;
  }
}
