import { z } from 'zod';
import type { AppContext } from '../../context';
import { HttpError } from '../../http/http-errors';
import { getForecast } from '../forecasts/forecast-serving.service';
import { getCurrent } from '../regimes/regimes.service';
import type { AlertKind, AlertRuleInput, AlertTrigger } from './alert-kinds';

// Alert kinds on the models' outputs: the regime odds of a symbol's tracked fit (filtered probabilities, as
// they move with each bar) and the champion forecast. Both fire when the condition starts to hold.

const num = (x: number) => Number(x.toPrecision(4)).toString();

/** A state is named by its full name or one part of it ("bull", "low vol"), case ignored. */
function namesState(name: string, label: string): boolean {
  const wanted = label.trim().toLowerCase();
  const full = name
    .trim()
    .toLowerCase()
    .replace(/\s*\(\d+\)$/, '');
  return full === wanted || full.split('/').some((part) => part.trim() === wanted);
}

/** Nothing to judge yet (no fit, no model): the rule waits instead of failing. */
async function orNone<T>(work: () => Promise<T>): Promise<T | null> {
  try {
    return await work();
  } catch (err) {
    if (err instanceof HttpError && err.statusCode === 404) return null;
    throw err;
  }
}

export const regimeChangeParams = z
  .object({
    /** A regime state's name or part of it: "bull", "high vol". */
    regime: z.string().trim().min(1).max(64),
    minProbability: z.number().gt(0).max(1).default(0.6),
  })
  .strict();
type RegimeChangeParams = z.infer<typeof regimeChangeParams>;

async function regimeOdds(
  ctx: AppContext,
  rule: AlertRuleInput<RegimeChangeParams> | Omit<AlertRuleInput<RegimeChangeParams>, 'state'>,
) {
  const current = await orNone(() => getCurrent(ctx, rule.symbol));
  if (!current) return null;
  const matching = current.states.filter((s) => namesState(s.name, rule.params.regime));
  return {
    ts: Date.parse(current.ts),
    prob: matching.reduce((sum, s) => sum + s.prob, 0),
    states: current.states,
    fitId: current.fitId,
  };
}

/** The filtered probability of a regime rises to at least minProbability. */
export const regimeChangeKind: AlertKind<RegimeChangeParams> = {
  params: regimeChangeParams,
  describe: (p) => `P(${p.regime}) rises to ${num(p.minProbability)}`,
  async initialState(ctx, rule) {
    const odds = await regimeOdds(ctx, rule);
    return odds ? { lastTs: odds.ts, lastProb: odds.prob } : {};
  },
  async evaluate(ctx, rule) {
    const odds = await regimeOdds(ctx, rule);
    if (!odds || odds.ts === rule.state?.lastTs) return { triggers: [], state: rule.state ?? {} };
    const before = typeof rule.state?.lastProb === 'number' ? rule.state.lastProb : null;
    const min = rule.params.minProbability;
    const triggers: AlertTrigger[] =
      before !== null && before < min && odds.prob >= min
        ? [
            {
              key: `regime:${odds.ts}`,
              at: odds.ts,
              message: `${rule.symbol}: P(${rule.params.regime}) rose from ${num(before)} to ${num(odds.prob)}`,
              values: {
                regime: rule.params.regime,
                probability: odds.prob,
                previousProbability: before,
                fitId: odds.fitId,
                states: Object.fromEntries(odds.states.map((s) => [s.name, s.prob])),
              },
            },
          ]
        : [];
    return { triggers, state: { lastTs: odds.ts, lastProb: odds.prob } };
  },
};

export const forecastBandParams = z
  .object({
    horizon: z.number().int().min(1).max(30).default(1),
    /** Regression models: predicted log return; direction models: P(up). */
    field: z.enum(['logReturn', 'probUp']).default('logReturn'),
    below: z.number().optional(),
    above: z.number().optional(),
  })
  .strict()
  .refine((p) => p.below !== undefined || p.above !== undefined, { message: 'give below, above or both' })
  .refine((p) => p.below === undefined || p.above === undefined || p.below < p.above, {
    message: 'below must be less than above',
  });
type ForecastBandParams = z.infer<typeof forecastBandParams>;

function outside(p: ForecastBandParams, value: number): boolean {
  return (p.below !== undefined && value < p.below) || (p.above !== undefined && value > p.above);
}

/** The champion forecast of a new bar leaves the band [below, above]. */
export const forecastBandKind: AlertKind<ForecastBandParams> = {
  params: forecastBandParams,
  describe: (p) =>
    `forecast ${p.field} (h${p.horizon}) ${[p.below !== undefined ? `below ${num(p.below)}` : '', p.above !== undefined ? `above ${num(p.above)}` : ''].filter(Boolean).join(' or ')}`,
  async initialState(ctx, rule) {
    const answer = await orNone(() => getForecast(ctx, rule.symbol, rule.params.horizon));
    const value = answer?.forecast[rule.params.field];
    return answer ? { lastAsOf: answer.asOf, wasOutside: value != null && outside(rule.params, value) } : {};
  },
  async evaluate(ctx, rule) {
    const answer = await orNone(() => getForecast(ctx, rule.symbol, rule.params.horizon));
    if (!answer || answer.asOf === rule.state?.lastAsOf) return { triggers: [], state: rule.state ?? {} };
    const value = answer.forecast[rule.params.field];
    const now = value != null && outside(rule.params, value);
    const triggers: AlertTrigger[] =
      now && rule.state?.wasOutside !== true
        ? [
            {
              key: `forecast:${answer.asOf}:${answer.model.version}`,
              at: Date.parse(answer.asOf),
              message: `${rule.symbol}: ${answer.model.name} v${answer.model.version} forecasts ${rule.params.field} ${num(value!)} (h${answer.horizon}), outside the band`,
              values: {
                value,
                field: rule.params.field,
                below: rule.params.below ?? null,
                above: rule.params.above ?? null,
                model: answer.model.name,
                version: answer.model.version,
                asOf: answer.asOf,
              },
            },
          ]
        : [];
    return { triggers, state: { lastAsOf: answer.asOf, wasOutside: now } };
  },
};
