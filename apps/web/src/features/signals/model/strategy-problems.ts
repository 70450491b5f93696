import type { StrategyProblem } from '@marketlens/contracts';
import { plainRule } from '../../../shared/api/validation-words';
import { PERCENT_PATHS, RULE_FIELDS, type RuleField, type StrategyFormValues } from './strategy-form';

type FormField = keyof StrategyFormValues;

/** Where a document path is typed in the editor, and its label there. */
const FIELDS: Readonly<Record<string, { field: FormField; label: string }>> = {
  name: { field: 'name', label: 'Name' },
  description: { field: 'description', label: 'Description' },
  timeframe: { field: 'timeframe', label: 'Timeframe' },
  side: { field: 'side', label: 'Side' },
  stopLossPct: { field: 'stopLossPct', label: 'Stop loss' },
  takeProfitPct: { field: 'takeProfitPct', label: 'Take profit' },
  trailingStopPct: { field: 'trailingStopPct', label: 'Trailing stop' },
  maxBarsInTrade: { field: 'maxBarsInTrade', label: 'Max bars in trade' },
  cooldownBars: { field: 'cooldownBars', label: 'Cooldown bars' },
  sizing: { field: 'sizingPct', label: 'Position size' },
  'sizing.fraction': { field: 'sizingPct', label: 'Position size' },
  fees: { field: 'feePct', label: 'Fee per side' },
  'fees.rate': { field: 'feePct', label: 'Fee per side' },
  slippageBps: { field: 'slippageBps', label: 'Slippage' },
  regime: { field: 'regimeAllow', label: 'Regime filter' },
  'regime.allow': { field: 'regimeAllow', label: 'Allowed regimes' },
  'regime.minProbability': { field: 'regimeMinProbabilityPct', label: 'Minimum regime probability' },
  'regime.fitId': { field: 'regimeFitId', label: 'Regime fit id' },
  gate: { field: 'gateThreshold', label: 'Forecast gate' },
  'gate.model': { field: 'gateModel', label: 'Gate model' },
  'gate.alias': { field: 'gateAlias', label: 'Gate alias' },
  'gate.minPredictedReturn': { field: 'gateThreshold', label: 'Gate threshold' },
  'gate.minProbUp': { field: 'gateThreshold', label: 'Gate threshold' },
};

export interface RuleProblem {
  message: string;
  /** 0-based offset into the rule text; absent when the problem is the whole rule (e.g. it is empty). */
  position?: number;
}

export interface GroupedProblems {
  rules: Partial<Record<RuleField, RuleProblem>>;
  /** One sentence per form field (its first problem). */
  fields: Partial<Record<FormField, string>>;
  /** Problems of the document as a whole, or of a field the form does not show. */
  general: string[];
}

const sentence = (text: string) => {
  const s = text.charAt(0).toUpperCase() + text.slice(1);
  return /[.!?]$/.test(s) ? s : `${s}.`;
};

/** "must be less than 1" for a field typed in percent reads "must be less than 100%". */
function inPercent(words: string): string {
  return words.replace(/(-?\d+(?:\.\d+)?)$/, (n) => `${Number((Number(n) * 100).toPrecision(12))}%`);
}

/** The server's problems (validate, or a refused save) placed where the editor shows them, in words. */
export function groupProblems(problems: readonly StrategyProblem[]): GroupedProblems {
  const grouped: GroupedProblems = { rules: {}, fields: {}, general: [] };
  for (const problem of problems) {
    if ((RULE_FIELDS as readonly string[]).includes(problem.path)) {
      const rule = problem.path as RuleField;
      grouped.rules[rule] ??= { message: sentence(problem.message), position: problem.position };
      continue;
    }
    const target = FIELDS[problem.path];
    if (!target) {
      const where = problem.path === '(document)' || problem.path === '' ? '' : `${problem.path}: `;
      grouped.general.push(sentence(`${where}${problem.message}`));
      continue;
    }
    if (grouped.fields[target.field] !== undefined) continue;
    const words = plainRule(problem.message);
    const rule = PERCENT_PATHS.has(problem.path) ? inPercent(words) : words;
    grouped.fields[target.field] = sentence(`${target.label} ${rule}`);
  }
  return grouped;
}

/** The characters to underline for an error at `position`: the word or number there, else one character. */
export function ruleErrorSpan(text: string, position: number): { start: number; end: number } {
  const start = Math.max(0, Math.min(position, text.length));
  if (start === text.length) return { start, end: start };
  const word = /[A-Za-z0-9_.]/;
  if (!word.test(text[start]!)) return { start, end: start + 1 };
  let end = start;
  while (end < text.length && word.test(text[end]!)) end += 1;
  return { start, end };
}
