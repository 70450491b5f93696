import type { SeededRandom } from '../../random/seeded-random';
import { syntheticAddress, syntheticTxHash } from '../../synthetic/synthetic-ids';
import type { FlagCode } from '../risk-flag';
import type { TokenTransfer } from '../token-transfer';

/** One planted case: a positive the detector should flag, or a look-alike decoy it should not. */
export interface Injection {
  code: FlagCode;
  kind: 'positive' | 'decoy';
  /** What was planted, in words. */
  variant: string;
  token: string;
  transactions: string[];
  /** A new token (its whole history planted), assessed with fromCreation. */
  newToken: boolean;
}

/** Log indexes of planted transfers start here, past any real log of a block, and stay unique. */
const PLANTED_LOG_INDEX = 100_000;

/** Makes planted transfers with made-up addresses and hashes from one seeded stream. */
export class Injector {
  readonly transfers: TokenTransfer[] = [];
  readonly injections: Injection[] = [];
  private logIndex = PLANTED_LOG_INDEX;

  constructor(
    readonly rng: SeededRandom,
    readonly fromBlock: number,
    readonly toBlock: number,
  ) {}

  address(): string {
    return syntheticAddress(this.rng);
  }

  send(token: string, from: string, to: string, value: bigint, block: number): TokenTransfer {
    const t: TokenTransfer = {
      token,
      from,
      to,
      value,
      txHash: syntheticTxHash(this.rng),
      logIndex: this.logIndex++,
      block,
    };
    this.transfers.push(t);
    return t;
  }

  /** A uniform draw in [lo, hi). */
  uniform(lo: number, hi: number): number {
    return lo + (hi - lo) * this.rng.next();
  }

  /** A block in [fromBlock + lead, toBlock - room] (clamped to the range). */
  block(lead: number, room: number): number {
    const lo = Math.min(this.fromBlock + lead, this.toBlock);
    const hi = Math.max(lo, this.toBlock - room);
    return lo + this.rng.int(hi - lo + 1);
  }

  record(injection: Omit<Injection, 'transactions'>, transfers: readonly TokenTransfer[]): void {
    this.injections.push({ ...injection, transactions: transfers.map((t) => t.txHash) });
  }
}

/** `value` x 10^exponent as a bigint (exponent may be fractional or negative); at least 1. */
export function scaleAmount(value: bigint, exponent: number): bigint {
  const digits = 12;
  const factor = BigInt(Math.round(10 ** (exponent + digits)));
  const scaled = (value * factor) / 10n ** BigInt(digits);
  return scaled > 0n ? scaled : 1n;
}
