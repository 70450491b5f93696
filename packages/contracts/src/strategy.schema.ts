import { z } from 'zod';
import { timeframeSchema } from './common.schema';

/** Rule text in the strategy language (docs/signals.md); checked by the rule compiler when a strategy is saved. */
export const ruleTextSchema = z.string().trim().min(1, 'write a rule, e.g. "rsi(close, 14) < 30"').max(2000);

export const strategySideSchema = z.enum(['long', 'short', 'both']);
export type StrategySide = z.infer<typeof strategySideSchema>;

/** A fraction of price, 0 < x < 1 (0.02 = 2%). */
const priceFraction = z.number().gt(0).lt(1);

/** Only when a registered forecast model agrees: its prediction and version are recorded with the signal. */
export const strategyGateSchema = z
  .object({
    model: z.string().min(1).max(200),
    alias: z.string().min(1).max(64).default('champion'),
    /** Regression models: the predicted log return must be at least this (short entries: at most minus this). */
    minPredictedReturn: z.number().optional(),
    /** Direction models: P(up) at least this (short entries: P(up) at most 1 minus this). */
    minProbUp: z.number().min(0).max(1).optional(),
  })
  .strict()
  .refine((g) => (g.minPredictedReturn === undefined) !== (g.minProbUp === undefined), {
    message: 'give exactly one of minPredictedReturn (regression models) or minProbUp (direction models)',
  });

/** Only in the regimes allowed, judged on filtered probabilities (never smoothed ones, which look ahead). */
export const strategyRegimeSchema = z
  .object({
    /** A tracked regime fit; absent: the tracked fit of the symbol the strategy runs on. */
    fitId: z.uuid().optional(),
    allow: z.array(z.string().min(1).max(64)).min(1).max(8),
    minProbability: z.number().gt(0).max(1).default(0.5),
  })
  .strict();

/**
 * A strategy document. Amounts are fractions (0.02 = 2%); rule semantics, fills and stops are in
 * docs/signals.md. Unknown keys are rejected so a misspelt `stopLossPct` never silently does nothing.
 */
export const strategyDefinitionSchema = z
  .object({
    name: z
      .string()
      .min(1)
      .max(80)
      .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, 'letters, digits, ".", "_" and "-", starting with a letter or digit'),
    description: z.string().max(2000).optional(),
    timeframe: timeframeSchema,
    side: strategySideSchema.default('long'),
    /** Long entries (side long or both), or short entries (side short). */
    entry: ruleTextSchema,
    exit: ruleTextSchema.optional(),
    /** Side both: the short side's own rules. */
    entryShort: ruleTextSchema.optional(),
    exitShort: ruleTextSchema.optional(),
    stopLossPct: priceFraction.optional(),
    takeProfitPct: z.number().gt(0).optional(),
    trailingStopPct: priceFraction.optional(),
    maxBarsInTrade: z.number().int().min(1).optional(),
    cooldownBars: z.number().int().min(0).default(0),
    /** Share of equity put into each trade. */
    sizing: z
      .object({ fraction: z.number().gt(0).max(1) })
      .strict()
      .default({ fraction: 1 }),
    /** Per side, as a fraction of the traded value (0.001 = 0.1%). */
    fees: z
      .object({ rate: z.number().min(0).lt(0.1) })
      .strict()
      .default({ rate: 0 }),
    /** Fills are this much worse than the bar price: entries above, exits below (for longs). */
    slippageBps: z.number().min(0).max(1000).default(0),
    gate: strategyGateSchema.optional(),
    regime: strategyRegimeSchema.optional(),
  })
  .strict()
  .superRefine((s, ctx) => {
    if (s.side === 'both' && s.entryShort === undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['entryShort'],
        message: 'side "both" needs entryShort, the short entry rule',
      });
    }
    if (s.side !== 'both') {
      for (const key of ['entryShort', 'exitShort'] as const) {
        if (s[key] !== undefined) {
          ctx.addIssue({ code: 'custom', path: [key], message: `${key} is only read with side "both"` });
        }
      }
    }
    const risk = [s.stopLossPct, s.takeProfitPct, s.trailingStopPct, s.maxBarsInTrade];
    const noRiskExit = risk.every((e) => e === undefined);
    if (noRiskExit && s.exit === undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['exit'],
        message: 'a strategy needs a way out: an exit rule, a stop, a target or maxBarsInTrade',
      });
    }
    if (s.side === 'both' && noRiskExit && s.exitShort === undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['exitShort'],
        message: 'short positions need a way out: exitShort, a stop, a target or maxBarsInTrade',
      });
    }
  });
export type StrategyDefinition = z.infer<typeof strategyDefinitionSchema>;
/** What a user writes: defaults may be left out. */
export type StrategyDefinitionInput = z.input<typeof strategyDefinitionSchema>;
