import { SIGNAL_ACTIONS, type StrategySpec } from '@marketlens/quant';
import type { AppContext } from '../../../context';
import { withAdvisoryLocks } from '../../../db/advisory-locks';
import type { Metrics } from '../../../observability/metrics';
import {
  getDeploymentToRun,
  listEnabledDeployments,
  recordDeploymentError,
  type DeploymentToRun,
} from '../deployments.store';
import type { SignalRow } from '../signals.store';
import { processDeployment, type EngineSettings } from './process-deployment';

export interface SignalEngineOptions extends EngineSettings {
  /** How often every enabled deployment is checked for new bars (new bars written here wake it at once). */
  pollMs: number;
  /** Called after each committed pass with the signals it wrote (the live feed, metrics). */
  onSignals?: (signals: SignalRow[]) => void;
}

/**
 * The `engine` role: runs every enabled deployment over the bars stored since its last pass. Passes never
 * overlap in one process; across replicas an advisory lock per deployment (held on one connection for the
 * pass) splits the deployments between them, and the row lock taken to write is the last word. Polling finds bars
 * written by any process (ingestion workers, API uploads, replays); bars written in this process also wake
 * it through `bars.ingested`, so embedded mode reacts at once.
 */
export class SignalEngine {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private again = false;
  private stopped = true;
  private unsubscribe: (() => void) | undefined;

  constructor(
    private readonly ctx: AppContext,
    private readonly options: SignalEngineOptions,
  ) {}

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.unsubscribe = this.ctx.events.on('bars.ingested', () => {
      void this.wake();
    });
    this.timer = setInterval(() => void this.wake(), this.options.pollMs);
    this.timer.unref();
    void this.wake();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    this.unsubscribe?.();
    await this.running;
  }

  /** Runs a pass now, or right after the one in progress; resolves when the work asked for is done. */
  wake(): Promise<void> {
    if (this.stopped) return Promise.resolve();
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = this.loop().finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  /** One pass over every enabled deployment, now (tests and the CLI drive the engine with this). */
  runOnce(): Promise<void> {
    return this.passOverAll(true);
  }

  private async loop(): Promise<void> {
    do {
      this.again = false;
      await this.passOverAll();
    } while (this.again && !this.stopped);
  }

  private async passOverAll(once = false): Promise<void> {
    const halted = () => this.stopped && !once;
    const { ctx } = this;
    let deployments;
    try {
      deployments = await listEnabledDeployments(ctx.db.orm);
    } catch (err) {
      ctx.log.error({ err }, 'signal engine: cannot list deployments');
      return;
    }
    try {
      await withAdvisoryLocks(ctx.db, 'signals.engine', async (locks) => {
        for (const d of deployments) {
          if (halted()) return;
          // Another replica is running it: leave it to that one rather than compute the same pass twice.
          if (!(await locks.tryLock(d.id))) continue;
          try {
            await this.runDeployment(d, halted);
          } finally {
            await locks.unlock(d.id);
          }
        }
      });
    } catch (err) {
      ctx.log.error({ err }, 'signal engine: pass over deployments failed');
    }
  }

  /** Works off a deployment's new bars pass by pass; a failure is recorded on the deployment, not thrown. */
  private async runDeployment(d: DeploymentToRun, halted: () => boolean): Promise<void> {
    const { ctx } = this;
    startCountersAtZero(ctx.metrics, d);
    try {
      // A long backlog is worked off pass by pass, each committed, so a crash loses at most one pass of work.
      for (;;) {
        const pass = await processDeployment(ctx, d, this.options);
        if (pass.bars > 0) ctx.metrics.signalBarsProcessed.inc({ strategy: d.strategyName }, pass.bars);
        for (const s of pass.signals) {
          ctx.metrics.signalsGenerated.inc({ strategy: d.strategyName, action: s.action });
          if (s.lagMs !== null) ctx.metrics.signalEngineLag.observe(s.lagMs / 1000);
        }
        if (pass.signals.length > 0) this.options.onSignals?.(pass.signals);
        if (pass.skipped || pass.bars < this.options.maxBarsPerPass || halted()) break;
        const next = await getDeploymentToRun(ctx.db.orm, d.id);
        if (!next?.enabled) break;
        Object.assign(d, next);
      }
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      ctx.log.error({ err, deployment: d.id, strategy: d.strategyName, symbol: d.symbol }, 'signal engine pass failed');
      await recordDeploymentError(ctx.db.orm, d.id, message).catch(() => undefined);
    }
  }
}

/**
 * The counters a deployment adds to exist, at 0, from its first pass: Prometheus' increase() cannot count the
 * first signal of a series that appears already at 1 (a restarted engine's), and NoSignalsWhileFeedsLive
 * reads that increase.
 */
function startCountersAtZero(metrics: Metrics, d: DeploymentToRun): void {
  const { side } = d.definition as StrategySpec;
  metrics.signalBarsProcessed.inc({ strategy: d.strategyName }, 0);
  for (const action of SIGNAL_ACTIONS) {
    if (side === 'both' || action.endsWith(`_${side}`))
      metrics.signalsGenerated.inc({ strategy: d.strategyName, action }, 0);
  }
}
