// Gaussian HMM: seconds per Baum-Welch iteration of our engine on 1,000,000 rows of the reference regime
// process (../shared/reference/README.md §2, seed 11, our seeded RNG), next to hmmlearn's figures recorded
// in that README on this machine, and hidden-markov-model-tf (npm, TensorFlow.js) measured in the same run
// on the 5,000-row series (it is far too slow for a million rows). The peer is installed on demand into
// bench/.peers (git-ignored) so its 272 MB of TensorFlow.js never enter the workspace's dependencies.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import {
  fitGaussianHMM,
  generateRegimeSeries,
  type CovarianceType,
  type GaussianHMMParams,
  type Matrix,
} from '@marketlens/quant';

/** hmmlearn 0.3.3, K=3 diag [logret, absret], 1M rows, seconds per iteration (reference README §6). */
const HMMLEARN_LOG_SECONDS = 0.85;
const HMMLEARN_SCALING_SECONDS = 0.33;
const ROWS = Number(process.env.BENCH_HMM_ROWS ?? 1_000_000);
const ITERATIONS = 7; // 1 warm-up interval dropped, median of the rest
const PEER_DIR = new URL('./.peers/hmm-tf/', import.meta.url).pathname;

function features(n: number, seed: number): Matrix {
  const { bars } = generateRegimeSeries({ n, seed });
  const data = new Float64Array(n * 2);
  for (let t = 0; t < n; t++) {
    const r = Math.log(bars[t + 1]!.close) - Math.log(bars[t]!.close);
    data[t * 2] = r;
    data[t * 2 + 1] = Math.abs(r);
  }
  return { data, rows: n, cols: 2 };
}

/** The reference's fixed start (../shared/reference/hmmlearn/init_k3_diag.json), in each covariance layout. */
function fixedInit(covarianceType: CovarianceType): GaussianHMMParams {
  const variances = [
    [4e-5, 1.5e-5],
    [1.5e-4, 6e-5],
    [6e-4, 3e-4],
  ];
  const covars = {
    diag: variances.flat(),
    spherical: variances.map(([a, b]) => (a! + b!) / 2),
    full: variances.flatMap(([a, b]) => [a!, 0, 0, b!]),
    tied: [2.6e-4, 0, 0, 1.25e-4],
  }[covarianceType];
  return {
    nStates: 3,
    nFeatures: 2,
    covarianceType,
    startProb: Float64Array.from([0.4, 0.35, 0.25]),
    transMat: Float64Array.from([0.96, 0.03, 0.01, 0.04, 0.92, 0.04, 0.03, 0.07, 0.9]),
    means: Float64Array.from([0.0003, 0.005, 0, 0.01, -0.001, 0.02]),
    covars: Float64Array.from(covars),
  };
}

/** Seconds per EM iteration: intervals between successive E-steps (each = M-step + E-step), median. */
function secondsPerIteration(X: Matrix, covarianceType: CovarianceType, iterations = ITERATIONS): number {
  const stamps: number[] = [];
  const init = X.rows === ROWS ? fixedInit(covarianceType) : undefined; // k-means start on the peer's rows
  fitGaussianHMM(X, { nStates: 3, covarianceType, init, nInit: 1, maxIter: iterations, tol: -Infinity }, () =>
    stamps.push(performance.now()),
  );
  const intervals = stamps.slice(2).map((s, i) => (s - stamps[i + 1]!) / 1000);
  intervals.sort((a, b) => a - b);
  return intervals[Math.floor(intervals.length / 2)]!;
}

interface PeerResult {
  secondsPerIteration: number;
  iterations: number;
}

/** hidden-markov-model-tf on the same rows, K=3 full covariance (its only kind), or why it is unavailable. */
async function runPeer(X: Matrix): Promise<PeerResult | string> {
  try {
    if (!existsSync(`${PEER_DIR}node_modules/hidden-markov-model-tf`)) {
      mkdirSync(PEER_DIR, { recursive: true });
      console.log('installing hidden-markov-model-tf + @tensorflow/tfjs@3 into bench/.peers (once) ...');
      execFileSync(
        'npm',
        [
          'install',
          '--prefix',
          PEER_DIR,
          '--no-save',
          '--no-audit',
          '--no-fund',
          'hidden-markov-model-tf',
          '@tensorflow/tfjs@3',
        ],
        { stdio: 'ignore', timeout: 600_000 },
      );
    }
    const require = createRequire(`${PEER_DIR}index.js`);
    const tf = require('@tensorflow/tfjs') as {
      tensor: (values: number[] | number[][] | number[][][], shape?: number[]) => unknown;
    };
    const HMM = require('hidden-markov-model-tf') as new (options: { states: number; dimensions: number }) => {
      fit(
        data: unknown,
        options: { maxIterations: number; tolerance: number; seed?: number },
      ): Promise<{ iterations: number }>;
    };
    const rows: number[][] = [];
    for (let t = 0; t < X.rows; t++) rows.push([X.data[t * 2]!, X.data[t * 2 + 1]!]);
    const hmm = new HMM({ states: 3, dimensions: 2 });
    const started = performance.now();
    const result = await hmm.fit(tf.tensor([rows]), { maxIterations: 10, tolerance: -Infinity, seed: 1 });
    const seconds = (performance.now() - started) / 1000;
    return { secondsPerIteration: seconds / Math.max(result.iterations, 1), iterations: result.iterations };
  } catch (error) {
    return `unavailable (${(error as Error).message.split('\n')[0]})`;
  }
}

const ms = (s: number) => `${(s * 1000).toFixed(1)} ms`;

export async function runHmmBenchmark(): Promise<void> {
  console.log(`\n## Gaussian HMM, one Baum-Welch iteration, ${ROWS.toLocaleString('en')} rows x 2 features, K = 3`);
  const X = features(ROWS, 11);
  const ours = new Map<CovarianceType, number>();
  for (const type of ['diag', 'full', 'spherical', 'tied'] as const) ours.set(type, secondsPerIteration(X, type));
  const diag = ours.get('diag')!;
  console.log('single thread, fixed start, median of per-iteration times after one warm-up iteration\n');
  console.log(
    '| engine | covariance | per iteration | hmmlearn log (0.85 s) / ours | hmmlearn scaling (0.33 s) / ours | / our diag |',
  );
  console.log('|---|---|---|---|---|---|');
  console.log(`| hmmlearn 0.3.3 \`log\` (recorded) | diag | ${ms(HMMLEARN_LOG_SECONDS)} | | | |`);
  console.log(`| hmmlearn 0.3.3 \`scaling\` (recorded) | diag | ${ms(HMMLEARN_SCALING_SECONDS)} | | | |`);
  for (const [type, seconds] of ours)
    console.log(
      `| MarketLens | ${type} | ${ms(seconds)} | ${(HMMLEARN_LOG_SECONDS / seconds).toFixed(1)}x | ${(HMMLEARN_SCALING_SECONDS / seconds).toFixed(1)}x | ${(seconds / diag).toFixed(2)} |`,
    );
  const bar = diag <= HMMLEARN_SCALING_SECONDS / 3 && ours.get('full')! <= 1.5 * diag;
  console.log(`\nbar (diag <= ${ms(HMMLEARN_SCALING_SECONDS / 3)}, full <= 1.5x diag): ${bar ? 'met' : 'NOT met'}`);

  console.log('\n### Peer in the same run: hidden-markov-model-tf (TensorFlow.js, full covariance), 5,000 rows');
  // The peer's own k-means start fails ("Matrix is not invertible") on [r, |r|], whose clusters of one sign
  // lie on a line (reference README §4.4): it gets [r, mean |r| of the last 5 rows], in percent.
  const raw = features(5000, 7);
  const small = { ...raw, data: new Float64Array(raw.data.length) };
  for (let t = 0; t < raw.rows; t++) {
    let sum = 0;
    for (let s = Math.max(0, t - 4); s <= t; s++) sum += raw.data[s * 2 + 1]!;
    small.data[t * 2] = 100 * raw.data[t * 2]!;
    small.data[t * 2 + 1] = (100 * sum) / Math.min(t + 1, 5);
  }
  const oursSmall = secondsPerIteration(small, 'full', 12);
  const peer = await runPeer(small);
  console.log('| engine | per iteration | / ours |');
  console.log('|---|---|---|');
  console.log(`| MarketLens (full) | ${ms(oursSmall)} | 1.0x |`);
  if (typeof peer === 'string') console.log(`| hidden-markov-model-tf | ${peer} | |`);
  else
    console.log(
      `| hidden-markov-model-tf (${peer.iterations} iterations) | ${ms(peer.secondsPerIteration)} | ${(peer.secondsPerIteration / oursSmall).toFixed(0)}x slower |`,
    );
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].split('/').pop()!)) await runHmmBenchmark();
