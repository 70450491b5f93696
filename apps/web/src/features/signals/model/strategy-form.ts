import { timeframeSchema, type StrategyDefinition, type StrategySide, type Timeframe } from '@marketlens/contracts';

export const TIMEFRAMES: readonly Timeframe[] = timeframeSchema.options;
export const SIDES: readonly StrategySide[] = ['long', 'short', 'both'];

export const RULE_FIELDS = ['entry', 'exit', 'entryShort', 'exitShort'] as const;
export type RuleField = (typeof RULE_FIELDS)[number];

/** The editor's fields as typed. Amounts the document holds as fractions are typed as percentages. */
export interface StrategyFormValues {
  name: string;
  description: string;
  timeframe: Timeframe;
  side: StrategySide;
  entry: string;
  exit: string;
  entryShort: string;
  exitShort: string;
  stopLossPct: string;
  takeProfitPct: string;
  trailingStopPct: string;
  maxBarsInTrade: string;
  cooldownBars: string;
  sizingPct: string;
  feePct: string;
  slippageBps: string;
  regimeAllow: string;
  regimeMinProbabilityPct: string;
  regimeFitId: string;
  gateModel: string;
  gateAlias: string;
  gateKind: 'minPredictedReturn' | 'minProbUp';
  gateThreshold: string;
}

/** The document sent to the API: as typed, so the server owns the limits and rule columns match the text. */
export type StrategyDocument = Record<string, unknown>;

/** Form fields typed in percent, by the document path they fill. */
export const PERCENT_PATHS: ReadonlySet<string> = new Set([
  'stopLossPct',
  'takeProfitPct',
  'trailingStopPct',
  'sizing.fraction',
  'fees.rate',
  'regime.minProbability',
  'gate.minProbUp',
]);

/** A blank form: the example of issue 9 on daily bars, so a first backtest on the demo data has bars to use. */
export const NEW_STRATEGY: StrategyFormValues = {
  name: '',
  description: '',
  timeframe: '1d',
  side: 'long',
  entry: 'rsi(close, 14) < 30 and close > ema(close, 200)',
  exit: 'rsi(close, 14) > 70',
  entryShort: '',
  exitShort: '',
  stopLossPct: '',
  takeProfitPct: '',
  trailingStopPct: '',
  maxBarsInTrade: '',
  cooldownBars: '0',
  sizingPct: '100',
  feePct: '0.1',
  slippageBps: '0',
  regimeAllow: '',
  regimeMinProbabilityPct: '50',
  regimeFitId: '',
  gateModel: '',
  gateAlias: 'champion',
  gateKind: 'minPredictedReturn',
  gateThreshold: '',
};

/** '' -> absent; a number -> the number; anything else as typed, for the server to name in words. */
function numberOrText(text: string): number | string | undefined {
  const trimmed = text.trim();
  if (trimmed === '') return undefined;
  const value = Number(trimmed);
  return Number.isFinite(value) ? value : trimmed;
}

function percentOrText(text: string): number | string | undefined {
  const value = numberOrText(text);
  return typeof value === 'number' ? value / 100 : value;
}

/** 0.001 -> "0.1": a fraction back as the percentage typed, without float noise (0.07 * 100). */
export function fractionToPercentText(value: number | undefined): string {
  return value === undefined ? '' : String(Number((value * 100).toPrecision(12)));
}

function put(doc: StrategyDocument, key: string, value: unknown) {
  if (value !== undefined) doc[key] = value;
}

/** The form as a strategy document. Rules are sent untrimmed: error columns count in the text on screen. */
export function toDocument(v: StrategyFormValues): StrategyDocument {
  const doc: StrategyDocument = { name: v.name.trim(), timeframe: v.timeframe, side: v.side };
  put(doc, 'description', v.description.trim() === '' ? undefined : v.description.trim());
  doc.entry = v.entry;
  if (v.exit.trim() !== '') doc.exit = v.exit;
  if (v.side === 'both') {
    doc.entryShort = v.entryShort;
    if (v.exitShort.trim() !== '') doc.exitShort = v.exitShort;
  }
  put(doc, 'stopLossPct', percentOrText(v.stopLossPct));
  put(doc, 'takeProfitPct', percentOrText(v.takeProfitPct));
  put(doc, 'trailingStopPct', percentOrText(v.trailingStopPct));
  put(doc, 'maxBarsInTrade', numberOrText(v.maxBarsInTrade));
  put(doc, 'cooldownBars', numberOrText(v.cooldownBars));
  const sizing = percentOrText(v.sizingPct);
  if (sizing !== undefined) doc.sizing = { fraction: sizing };
  const fee = percentOrText(v.feePct);
  if (fee !== undefined) doc.fees = { rate: fee };
  put(doc, 'slippageBps', numberOrText(v.slippageBps));
  const allow = v.regimeAllow
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
  if (allow.length > 0) {
    const regime: StrategyDocument = { allow };
    put(regime, 'minProbability', percentOrText(v.regimeMinProbabilityPct));
    put(regime, 'fitId', v.regimeFitId.trim() === '' ? undefined : v.regimeFitId.trim());
    doc.regime = regime;
  }
  if (v.gateModel.trim() !== '') {
    const gate: StrategyDocument = { model: v.gateModel.trim() };
    put(gate, 'alias', v.gateAlias.trim() === '' ? undefined : v.gateAlias.trim());
    put(gate, v.gateKind, v.gateKind === 'minProbUp' ? percentOrText(v.gateThreshold) : numberOrText(v.gateThreshold));
    doc.gate = gate;
  }
  return doc;
}

/** A stored document (defaults filled) in the editor's fields. */
export function fromDefinition(d: StrategyDefinition): StrategyFormValues {
  const text = (value: number | undefined) => (value === undefined ? '' : String(value));
  return {
    name: d.name,
    description: d.description ?? '',
    timeframe: d.timeframe,
    side: d.side,
    entry: d.entry,
    exit: d.exit ?? '',
    entryShort: d.entryShort ?? '',
    exitShort: d.exitShort ?? '',
    stopLossPct: fractionToPercentText(d.stopLossPct),
    takeProfitPct: fractionToPercentText(d.takeProfitPct),
    trailingStopPct: fractionToPercentText(d.trailingStopPct),
    maxBarsInTrade: text(d.maxBarsInTrade),
    cooldownBars: text(d.cooldownBars),
    sizingPct: fractionToPercentText(d.sizing.fraction),
    feePct: fractionToPercentText(d.fees.rate),
    slippageBps: text(d.slippageBps),
    regimeAllow: d.regime?.allow.join(', ') ?? '',
    regimeMinProbabilityPct: fractionToPercentText(d.regime?.minProbability ?? 0.5),
    regimeFitId: d.regime?.fitId ?? '',
    gateModel: d.gate?.model ?? '',
    gateAlias: d.gate?.alias ?? 'champion',
    gateKind: d.gate?.minProbUp !== undefined ? 'minProbUp' : 'minPredictedReturn',
    gateThreshold:
      d.gate?.minProbUp !== undefined ? fractionToPercentText(d.gate.minProbUp) : text(d.gate?.minPredictedReturn),
  };
}
