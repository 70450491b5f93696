import { describe, expect, it } from 'vitest';
import { assessToken } from '../risk/assess-token';
import { isAlarm } from '../risk/risk-flag';
import { replayHolderLedger } from '../risk/holder-balances';
import { generateDemoToken } from './demo-token';

const START_MS = 1_767_225_600_000; // 2026-01-01T00:00:00Z
const demo = generateDemoToken({ seed: 42, startMs: START_MS });

describe('generateDemoToken', () => {
  it('is the same token for the same seed and another for another seed', () => {
    const again = generateDemoToken({ seed: 42, startMs: START_MS });
    expect(again.token).toBe(demo.token);
    expect(again.transfers.map((t) => t.txHash)).toEqual(demo.transfers.map((t) => t.txHash));
    expect(generateDemoToken({ seed: 43, startMs: START_MS }).token).not.toBe(demo.token);
  });

  it('writes a whole, consistent history: one launch mint, chain order, no wallet ever below zero', () => {
    expect(demo.transfers[0]).toMatchObject({ block: demo.startBlock, value: demo.totalSupply, logIndex: 0 });
    const ordered = demo.transfers.every(
      (t, i) => i === 0 || t.block > demo.transfers[i - 1]!.block || t.logIndex === demo.transfers[i - 1]!.logIndex + 1,
    );
    expect(ordered, 'blocks ascend, log indexes count up within a block').toBe(true);
    const ledger = replayHolderLedger(demo.transfers, true);
    expect(ledger.complete).toBe(true);
    expect(ledger.supply).toBe(demo.totalSupply);
    expect(demo.bars).toHaveLength(48 * 12);
    expect(demo.sentiment).toHaveLength(48);
    expect(demo.name).toContain('Synthetic');
  });

  it('has every planted pattern found by the detectors, with the planted transactions, bars or posts as evidence', () => {
    const a = assessToken(
      { token: demo.token, transfers: demo.transfers, bars: demo.bars, sentiment: demo.sentiment, fromCreation: true },
      { params: { maxEvidence: Number.POSITIVE_INFINITY } },
    );
    expect(demo.labels.map((l) => l.code).sort()).toEqual([
      'FRESH_WALLET_CLUSTER',
      'PUMP_PATTERN',
      'SENTIMENT_SPIKE',
      'TRANSFER_BURST',
      'WASH_CYCLE',
      'WHALE_TRANSFER',
    ]);
    for (const label of demo.labels) {
      const flag = a.flags.find((f) => f.code === label.code);
      expect(flag !== undefined && isAlarm(flag), `${label.code} (${label.pattern}) raised`).toBe(true);
      const evidence = flag!.evidence;
      if (label.transactions.length > 0) {
        expect(
          label.transactions.some((h) => evidence.transactions.includes(h)),
          `${label.code} names a planted tx`,
        ).toBe(true);
      }
      if (label.code === 'PUMP_PATTERN' || label.code === 'SENTIMENT_SPIKE') {
        expect(
          evidence.bars.some((ts) => ts >= label.time[0] && ts <= label.time[1]),
          `${label.code} bars`,
        ).toBe(true);
      }
      if (label.posts.length > 0) expect(evidence.posts).toEqual(label.posts);
    }
    const exit = demo.labels.find((l) => l.pattern === 'whale-exit')!;
    expect(a.flags.find((f) => f.code === 'WHALE_TRANSFER')!.level, '20% of the supply').toBe('danger');
    expect(a.flags.find((f) => f.code === 'WASH_CYCLE')!.evidence.transactions).toEqual(
      demo.labels.find((l) => l.pattern === 'wash-ring')!.transactions,
    );
    expect(exit.transactions).toHaveLength(1);
    expect(a.riskScore).toBeGreaterThanOrEqual(90);
  });
});
