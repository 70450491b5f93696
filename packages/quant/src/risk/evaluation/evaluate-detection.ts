import type { OhlcvBar } from '../../bars/ohlcv-bar';
import { createSeededRandom, type SeededRandom } from '../../random/seeded-random';
import { assessToken, type RiskAssessment } from '../assess-token';
import { detectPumpPatterns } from '../pump-pattern';
import { isAlarm, type FlagCode } from '../risk-flag';
import { DEFAULT_RISK_PARAMS } from '../risk-params';
import { detectSentimentSpikes } from '../sentiment-spike';
import { groupByToken, type TokenTransfer } from '../token-transfer';
import { TRUSTED_TOKENS } from '../trusted-tokens';
import { isOrdinaryTransfer } from '../whale-transfers';
import { Injector, type Injection } from './injector';
import { plantPumps, plantSentimentSpikes, type PlantedEpisode } from './market-injections';
import { plantConcentration, plantMint } from './new-token-injections';
import {
  describeHost,
  plantBurst,
  plantFreshCluster,
  plantWashDecoy,
  plantWashRing,
  plantWhale,
  type Host,
} from './transfer-injections';

export interface FlagEvaluation {
  code: FlagCode;
  positives: number;
  decoys: number;
  /** Positives flagged (warn or danger) with evidence naming a planted transaction (or the planted token). */
  truePositives: number;
  /** Decoys that raised the flag. */
  decoysFlagged: number;
  /** Alarms that match no planted case (on a positive's host without its evidence, or on the real series). */
  otherFlags: number;
  recall: number;
  precision: number;
  /** Alarms of this code in the clean real data (no injection), which no label says are right or wrong. */
  cleanAlarms: number;
  missed: string[];
}

const MAX_EVIDENCE = { maxEvidence: Number.POSITIVE_INFINITY };

function shuffled<T>(rng: SeededRandom, items: readonly T[]): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

function summarise(
  code: FlagCode,
  cleanAlarms: number,
  cases: { injection: Injection; alarm: boolean; matched: boolean }[],
): FlagEvaluation {
  const positives = cases.filter((c) => c.injection.kind === 'positive');
  const decoys = cases.filter((c) => c.injection.kind === 'decoy');
  const truePositives = positives.filter((c) => c.matched).length;
  const decoysFlagged = decoys.filter((c) => c.alarm).length;
  const otherFlags = positives.filter((c) => c.alarm && !c.matched).length;
  const alarms = truePositives + decoysFlagged + otherFlags;
  return {
    code,
    positives: positives.length,
    decoys: decoys.length,
    truePositives,
    decoysFlagged,
    otherFlags,
    recall: positives.length === 0 ? Number.NaN : truePositives / positives.length,
    precision: alarms === 0 ? Number.NaN : truePositives / alarms,
    cleanAlarms,
    missed: positives.filter((c) => !c.matched).map((c) => c.injection.variant),
  };
}

const TRANSFER_CODES: FlagCode[] = [
  'WASH_CYCLE',
  'WHALE_TRANSFER',
  'FRESH_WALLET_CLUSTER',
  'TRANSFER_BURST',
  'MINT_EVENT',
  'HOLDER_CONCENTRATION',
];

/**
 * Plants known cases into a real transfer file, `trials` times with seeds seed, seed + 1, ..., and scores
 * detection per flag. Each trial plants `perTrial` positives and `perTrial` decoys per flag, each into its own
 * host: a real non-trusted token without that alarm in the clean file (whale hosts need 30 ordinary transfers,
 * the others 10), or a new token launched inside the window (MINT_EVENT, HOLDER_CONCENTRATION). Planted wallets
 * and hashes are fresh random ones.
 */
export function evaluateTransferDetection(
  real: readonly TokenTransfer[],
  seed: number,
  trials: number,
  perTrial = 2,
): FlagEvaluation[] {
  const fromBlock = Math.min(...real.map((t) => t.block));
  const toBlock = Math.max(...real.map((t) => t.block));
  const groups = groupByToken(real);
  const assess = (token: string, transfers: readonly TokenTransfer[], fromCreation: boolean): RiskAssessment =>
    assessToken({ token, transfers, blockRange: { fromBlock, toBlock }, fromCreation }, { params: MAX_EVIDENCE });
  const clean = new Map([...groups].map(([token, g]) => [token, assess(token, g, false)]));
  const alarmed = (token: string, code: FlagCode) =>
    clean.get(token)?.flags.some((f) => f.code === code && isAlarm(f)) ?? false;
  const candidates = [...groups.keys()].filter((t) => TRUSTED_TOKENS[t] === undefined).sort();
  const hostsFor = (code: FlagCode, minOrdinary: number): Host[] =>
    candidates
      .filter((t) => !alarmed(t, code) && groups.get(t)!.filter(isOrdinaryTransfer).length >= minOrdinary)
      .map((t) => describeHost(t, groups.get(t)!));
  const hosts = {
    WASH_CYCLE: hostsFor('WASH_CYCLE', 10),
    WHALE_TRANSFER: hostsFor('WHALE_TRANSFER', 30),
    FRESH_WALLET_CLUSTER: hostsFor('FRESH_WALLET_CLUSTER', 10),
    TRANSFER_BURST: hostsFor('TRANSFER_BURST', 10),
  };

  const cases = new Map<FlagCode, { injection: Injection; alarm: boolean; matched: boolean }[]>(
    TRANSFER_CODES.map((c) => [c, []]),
  );
  for (let trial = 0; trial < trials; trial++) {
    const inj = new Injector(createSeededRandom(seed + trial), fromBlock, toBlock);
    const taken = new Set<string>();
    const pick = (pool: Host[]): Host => {
      const host = shuffled(inj.rng, pool).find((h) => !taken.has(h.token));
      if (host === undefined) throw new RangeError('not enough distinct host tokens for one trial');
      taken.add(host.token);
      return host;
    };
    for (let k = 0; k < perTrial; k++) {
      plantWashRing(inj, pick(hosts.WASH_CYCLE));
      plantWashDecoy(inj, pick(hosts.WASH_CYCLE));
      for (const positive of [true, false]) {
        plantWhale(inj, pick(hosts.WHALE_TRANSFER), positive);
        plantFreshCluster(inj, pick(hosts.FRESH_WALLET_CLUSTER), positive);
        plantBurst(inj, pick(hosts.TRANSFER_BURST), positive);
        plantMint(inj, positive);
        plantConcentration(inj, positive);
      }
    }
    const planted = groupByToken(inj.transfers);
    for (const injection of inj.injections) {
      const transfers = [...(groups.get(injection.token) ?? []), ...planted.get(injection.token)!];
      const flag = assess(injection.token, transfers, injection.newToken).flags.find((f) => f.code === injection.code);
      const alarm = flag !== undefined && isAlarm(flag);
      const named = new Set(flag?.evidence.transactions ?? []);
      const matched =
        alarm && (injection.code === 'HOLDER_CONCENTRATION' || injection.transactions.some((h) => named.has(h)));
      cases.get(injection.code)!.push({ injection, alarm, matched });
    }
  }
  return TRANSFER_CODES.map((code) => {
    const cleanAlarms = [...clean.values()].filter((a) => a.flags.some((f) => f.code === code && isAlarm(f))).length;
    return summarise(code, cleanAlarms, cases.get(code)!);
  });
}

const overlaps = (a: { fromTs: number; toTs: number }, b: PlantedEpisode) => a.fromTs <= b.toTs && b.fromTs <= a.toTs;

function scoreEpisodes(
  code: FlagCode,
  cleanAlarms: number,
  runs: { detections: { fromTs: number; toTs: number }[]; episodes: PlantedEpisode[] }[],
): FlagEvaluation {
  let positives = 0;
  let decoys = 0;
  let truePositives = 0;
  let decoysFlagged = 0;
  let otherFlags = 0;
  let good = 0;
  let all = 0;
  const missed: string[] = [];
  for (const { detections, episodes } of runs) {
    for (const e of episodes) {
      const hit = detections.some((d) => overlaps(d, e));
      if (e.kind === 'positive') {
        positives++;
        if (hit) truePositives++;
        else missed.push(e.variant);
      } else {
        decoys++;
        if (hit) decoysFlagged++;
      }
    }
    for (const d of detections) {
      all++;
      const on = episodes.filter((e) => overlaps(d, e));
      if (on.some((e) => e.kind === 'positive')) good++;
      else if (on.length === 0) otherFlags++;
    }
  }
  return {
    code,
    positives,
    decoys,
    truePositives,
    decoysFlagged,
    otherFlags,
    recall: positives === 0 ? Number.NaN : truePositives / positives,
    precision: all === 0 ? Number.NaN : good / all,
    cleanAlarms,
    missed,
  };
}

/**
 * Plants `pumps` pump-and-dumps and `decoys` look-alikes into a real bar series per trial (seeds seed,
 * seed + 1, ...) and runs the PUMP_PATTERN detector. Precision is per detection: a detection overlapping a
 * planted pump is right; one overlapping only a decoy, or nothing planted (the real market), is wrong.
 */
export function evaluatePumpDetection(
  bars: readonly OhlcvBar[],
  seed: number,
  trials: number,
  pumps = 3,
  decoys = 2,
  lead = 1500,
): FlagEvaluation {
  const params = DEFAULT_RISK_PARAMS.pump;
  const detect = (b: readonly OhlcvBar[]) =>
    detectPumpPatterns(b, params).map((p) => ({ fromTs: p.startTs, toTs: p.endTs }));
  const runs = Array.from({ length: trials }, (_, trial) => {
    const planted = plantPumps(bars, createSeededRandom(seed + trial), pumps, decoys, lead);
    return { detections: detect(planted.bars), episodes: planted.episodes };
  });
  return scoreEpisodes('PUMP_PATTERN', detect(bars).length, runs);
}

/** SENTIMENT_SPIKE on a synthetic post series (see plantSentimentSpikes), `spikes` positives and decoys a trial. */
export function evaluateSentimentDetection(seed: number, trials: number, spikes = 3, days = 30): FlagEvaluation {
  const params = DEFAULT_RISK_PARAMS.sentiment;
  const runs = Array.from({ length: trials }, (_, trial) => {
    const planted = plantSentimentSpikes(createSeededRandom(seed + trial), days, spikes);
    const detections = detectSentimentSpikes(planted.buckets, params).map((s) => ({ fromTs: s.ts, toTs: s.ts }));
    return { detections, episodes: planted.episodes };
  });
  return scoreEpisodes('SENTIMENT_SPIKE', Number.NaN, runs);
}

/** The evaluation as a Markdown table (docs/meme-radar.md). */
export function evaluationTable(rows: readonly (FlagEvaluation & { host: string })[]): string {
  const f = (x: number) => (Number.isNaN(x) ? '-' : x.toFixed(2));
  const lines = [
    '| flag | host data | positives | decoys | detected | decoys flagged | other alarms | recall | precision | alarms on the clean data |',
    '|---|---|---|---|---|---|---|---|---|---|',
    ...rows.map(
      (r) =>
        `| ${r.code} | ${r.host} | ${r.positives} | ${r.decoys} | ${r.truePositives} | ${r.decoysFlagged} | ${r.otherFlags} | ${f(r.recall)} | ${f(r.precision)} | ${Number.isNaN(r.cleanAlarms) ? '-' : r.cleanAlarms} |`,
    ),
  ];
  return lines.join('\n');
}
