import type { OhlcvBar } from '../bars/ohlcv-bar';
import { createSeededRandom, type SeededRandom } from '../random/seeded-random';
import type { FlagCode } from '../risk/risk-flag';
import type { SentimentBucket } from '../risk/sentiment-spike';
import { SECONDS_PER_BLOCK, ZERO_ADDRESS, type TokenTransfer } from '../risk/token-transfer';
import { demoTokenBars, demoTokenSentiment, type PumpShape } from './demo-token-market';
import { syntheticAddress, syntheticTxHash } from './synthetic-ids';

export interface DemoTokenOptions {
  seed: number;
  /** Epoch ms of the launch block (quant has no clock: the caller says when). */
  startMs: number;
  /** Block number of the launch. Default 19,000,000. */
  startBlock?: number;
}

/** What was planted, so a test or the demo page can check that detection finds it. */
export interface DemoTokenLabel {
  code: FlagCode;
  pattern: 'pump' | 'wash-ring' | 'whale-exit' | 'fresh-wallet-cluster' | 'sentiment-spike';
  description: string;
  /** The planted transactions (empty for patterns seen in bars or posts only). */
  transactions: string[];
  /** First and last block of the pattern. */
  blocks: [number, number];
  /** First and last epoch ms of the pattern. */
  time: [number, number];
  posts: string[];
}

export interface DemoToken {
  token: string;
  symbol: string;
  name: string;
  decimals: number;
  totalSupply: bigint;
  startBlock: number;
  endBlock: number;
  /** Every transfer since the launch mint, in chain order: assess it with fromCreation. */
  transfers: TokenTransfer[];
  /** Five-minute bars over the same 48 hours. */
  bars: OhlcvBar[];
  /** Hourly post buckets over the same 48 hours. */
  sentiment: SentimentBucket[];
  labels: DemoTokenLabel[];
}

const BLOCKS_PER_HOUR = 3600 / SECONDS_PER_BLOCK;
const HOURS = 48;
const BARS_PER_HOUR = 12;
const DECIMALS = 18;
const SUPPLY = 1_000_000_000n * 10n ** BigInt(DECIMALS);
/** Shares of the supply as bigints: part(0.2) is 20% of it. */
const part = (share: number): bigint => (SUPPLY * BigInt(Math.round(share * 1e9))) / 1_000_000_000n;

/** Timeline, in hours after launch. */
const CLUSTER_HOUR = 20;
const SENTIMENT_HOUR = 29;
const PUMP_HOUR = 30;
const WASH_HOUR = 36;
const PUMP: Omit<PumpShape, 'startIndex'> = { riseBars: 18, fallBars: 36, rise: 0.8, retrace: 0.8, volumeBoost: 8 };

/**
 * Writes transfers and keeps balances so no wallet ever sends more than it holds. Planted patterns write a few
 * blocks ahead of the organic flow, so `inChainOrder` sorts by block and numbers the logs of each block.
 */
class Ledger {
  private readonly transfers: TokenTransfer[] = [];
  private readonly balances = new Map<string, bigint>();
  constructor(
    private readonly rng: SeededRandom,
    readonly token: string,
    private readonly startBlock: number,
    private readonly startSec: number,
  ) {}

  send(from: string, to: string, value: bigint, block: number): TokenTransfer {
    const held = this.balances.get(from) ?? 0n;
    if (from !== ZERO_ADDRESS) this.balances.set(from, held - value);
    this.balances.set(to, (this.balances.get(to) ?? 0n) + value);
    const t: TokenTransfer = {
      token: this.token,
      from,
      to,
      value,
      txHash: syntheticTxHash(this.rng),
      logIndex: 0,
      block,
      timestamp: this.startSec + (block - this.startBlock) * SECONDS_PER_BLOCK,
    };
    this.transfers.push(t);
    return t;
  }

  balance(address: string): bigint {
    return this.balances.get(address) ?? 0n;
  }

  inChainOrder(): TokenTransfer[] {
    const sorted = [...this.transfers].sort((a, b) => a.block - b.block); // stable: write order within a block
    sorted.forEach((t, i) => {
      const previous = sorted[i - 1];
      t.logIndex = previous !== undefined && previous.block === t.block ? previous.logIndex + 1 : 0;
    });
    return sorted;
  }
}

/**
 * A labelled synthetic meme token over 48 hours (seeded: the same seed gives the same token): a launch mint to
 * the deployer, who puts 60% in a pool; organic buys and sells through the pool; at hour 20 a sniper bundle
 * (one wallet funds 8 fresh wallets with equal amounts); at hour 29 a burst of enthusiastic posts; at hour 30 a
 * pump (buying burst, +80% in 90 minutes on 8x volume) ending in a whale exit (the deployer sells 20% of the
 * supply into the pool at the peak) and a dump giving back 80% of the rise; at hour 36 a wash ring of three
 * wallets passing the same tokens round six times. Every name says "Synthetic".
 */
export function generateDemoToken(options: DemoTokenOptions): DemoToken {
  const rng = createSeededRandom(options.seed);
  const startBlock = options.startBlock ?? 19_000_000;
  const endBlock = startBlock + HOURS * BLOCKS_PER_HOUR - 1;
  const token = syntheticAddress(rng);
  const ledger = new Ledger(rng, token, startBlock, Math.floor(options.startMs / 1000));
  const at = (hour: number) => startBlock + Math.round(hour * BLOCKS_PER_HOUR);
  const msAt = (block: number) => options.startMs + (block - startBlock) * SECONDS_PER_BLOCK * 1000;
  const deployer = syntheticAddress(rng);
  const pool = syntheticAddress(rng);
  ledger.send(ZERO_ADDRESS, deployer, SUPPLY, startBlock);
  ledger.send(deployer, pool, part(0.6), startBlock + 1);

  const labels: DemoTokenLabel[] = [];
  const traders: string[] = [];
  const pumpStart = at(PUMP_HOUR);
  const peak = pumpStart + (PUMP.riseBars / BARS_PER_HOUR) * BLOCKS_PER_HOUR;
  const dumpEnd = peak + (PUMP.fallBars / BARS_PER_HOUR) * BLOCKS_PER_HOUR;
  const burst: string[] = [];
  const snipers: string[] = [];
  for (let block = startBlock + 2; block <= endBlock; block++) {
    if (block === at(CLUSTER_HOUR)) snipers.push(...sniperBundle(ledger, rng, deployer, block, labels, msAt));
    if (block === peak) whaleExit(ledger, deployer, pool, block, labels, msAt);
    if (block > peak && block <= peak + snipers.length * 10 && (block - peak) % 10 === 0) {
      const sniper = snipers[(block - peak) / 10 - 1]!;
      ledger.send(sniper, pool, ledger.balance(sniper), block);
    }
    if (block === at(WASH_HOUR)) washRing(ledger, rng, deployer, block, labels, msAt);
    const pumping = block >= pumpStart && block < peak;
    const dumping = block >= peak && block < dumpEnd;
    const swaps = rng.poisson(pumping ? 4 : dumping ? 1 : 0.25);
    for (let k = 0; k < swaps; k++) {
      const buy = pumping || (!dumping && rng.next() < 0.55) || traders.length === 0;
      const t = buy ? organicBuy(ledger, rng, pool, traders, block) : organicSell(ledger, rng, pool, traders, block);
      if (t && pumping) burst.push(t.txHash);
    }
  }
  labels.push({
    code: 'TRANSFER_BURST',
    pattern: 'pump',
    description: 'buying burst of the pump: pool -> buyers at 16 times the usual rate',
    transactions: burst,
    blocks: [pumpStart, peak - 1],
    time: [msAt(pumpStart), msAt(peak - 1)],
    posts: [],
  });
  const bars = demoTokenBars(options.seed + 1, options.startMs, HOURS * BARS_PER_HOUR, {
    ...PUMP,
    startIndex: PUMP_HOUR * BARS_PER_HOUR,
  });
  labels.push({
    code: 'PUMP_PATTERN',
    pattern: 'pump',
    description: `price +${PUMP.rise * 100}% in 90 minutes on ${PUMP.volumeBoost}x volume, then ${PUMP.retrace * 100}% of it given back`,
    transactions: [],
    blocks: [pumpStart, dumpEnd],
    time: [msAt(pumpStart), msAt(dumpEnd)],
    posts: [],
  });
  const sentiment = demoTokenSentiment(rng, options.startMs, HOURS, SENTIMENT_HOUR, 60);
  const spike = sentiment[SENTIMENT_HOUR]!;
  labels.push({
    code: 'SENTIMENT_SPIKE',
    pattern: 'sentiment-spike',
    description: '60 enthusiastic posts in the hour before the pump (mean sentiment 0.8)',
    transactions: [],
    blocks: [at(SENTIMENT_HOUR), at(SENTIMENT_HOUR + 1) - 1],
    time: [spike.ts, spike.ts + 3_599_999],
    posts: [...(spike.postIds ?? [])],
  });
  return {
    token,
    symbol: 'SYN-MEME',
    name: 'Synthetic Meme Token (demo data)',
    decimals: DECIMALS,
    totalSupply: SUPPLY,
    startBlock,
    endBlock,
    transfers: ledger.inChainOrder(),
    bars,
    sentiment,
    labels,
  };
}

function organicBuy(ledger: Ledger, rng: SeededRandom, pool: string, traders: string[], block: number) {
  const fresh = traders.length === 0 || rng.next() < 0.35;
  const trader = fresh ? syntheticAddress(rng) : traders[rng.int(traders.length)]!;
  if (fresh) traders.push(trader);
  const amount = BigInt(Math.round(1e4 * Math.exp(1.2 * rng.normal()))) * 10n ** 18n;
  return ledger.send(pool, trader, amount, block);
}

function organicSell(ledger: Ledger, rng: SeededRandom, pool: string, traders: string[], block: number) {
  const trader = traders[rng.int(traders.length)]!;
  const held = ledger.balance(trader);
  if (held <= 0n) return null;
  const amount = (held * BigInt(20 + rng.int(81))) / 100n;
  return ledger.send(trader, pool, amount, block);
}

type MsAt = (block: number) => number;

function sniperBundle(
  ledger: Ledger,
  rng: SeededRandom,
  deployer: string,
  block: number,
  labels: DemoTokenLabel[],
  msAt: MsAt,
): string[] {
  const funder = syntheticAddress(rng);
  ledger.send(deployer, funder, part(0.02), block);
  const wallets: string[] = [];
  const hashes: string[] = [];
  for (let k = 0; k < 8; k++) {
    const wallet = syntheticAddress(rng);
    const amount = (part(0.002) * BigInt(990 + rng.int(21))) / 1000n;
    hashes.push(ledger.send(funder, wallet, amount, block + 2 + k).txHash);
    wallets.push(wallet);
  }
  labels.push({
    code: 'FRESH_WALLET_CLUSTER',
    pattern: 'fresh-wallet-cluster',
    description: 'a sniper bundle: one wallet funds 8 fresh wallets with 0.2% of the supply each (within 1%)',
    transactions: hashes,
    blocks: [block + 2, block + 9],
    time: [msAt(block + 2), msAt(block + 9)],
    posts: [],
  });
  return wallets;
}

function whaleExit(
  ledger: Ledger,
  deployer: string,
  pool: string,
  block: number,
  labels: DemoTokenLabel[],
  msAt: MsAt,
) {
  const t = ledger.send(deployer, pool, part(0.2), block);
  labels.push({
    code: 'WHALE_TRANSFER',
    pattern: 'whale-exit',
    description: 'the deployer sells 20% of the supply into the pool at the peak of the pump',
    transactions: [t.txHash],
    blocks: [block, block],
    time: [msAt(block), msAt(block)],
    posts: [],
  });
}

function washRing(
  ledger: Ledger,
  rng: SeededRandom,
  deployer: string,
  block: number,
  labels: DemoTokenLabel[],
  msAt: MsAt,
) {
  const ring = [syntheticAddress(rng), syntheticAddress(rng), syntheticAddress(rng)];
  ledger.send(deployer, ring[0]!, part(0.005), block);
  let amount = part(0.005);
  let b = block;
  const hashes: string[] = [];
  for (let round = 0; round < 6; round++) {
    for (let hop = 0; hop < 3; hop++) {
      b += 3 + rng.int(6);
      amount = (amount * BigInt(980 + rng.int(21))) / 1000n; // a fee of 0-2% per hop
      hashes.push(ledger.send(ring[hop]!, ring[(hop + 1) % 3]!, amount, b).txHash);
    }
  }
  labels.push({
    code: 'WASH_CYCLE',
    pattern: 'wash-ring',
    description: 'three wallets pass the same tokens round a ring six times (A -> B -> C -> A)',
    transactions: hashes,
    blocks: [block + 1, b],
    time: [msAt(block + 1), msAt(b)],
    posts: [],
  });
}
