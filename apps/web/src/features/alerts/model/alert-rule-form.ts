import type { AlertRule, CreateAlertRuleRequest, Timeframe } from '@marketlens/contracts';
import { defaultValues, toParams, valuesOf, type KindForm, type ParamValues } from './alert-params';

/** The editor's inputs as typed. */
export interface RuleDraft {
  name: string;
  kind: string;
  symbol: string;
  timeframe: Timeframe;
  cooldownMinutes: string;
  values: ParamValues;
}

const MAX_COOLDOWN_MINUTES = 525_600;

export function newRuleDraft(kind: string, form: KindForm, symbol: string): RuleDraft {
  return { name: '', kind, symbol, timeframe: '1d', cooldownMinutes: '0', values: defaultValues(form) };
}

/** A saved rule in the editor, to change its name, params or cooldown. */
export function ruleDraftOf(rule: AlertRule, form: KindForm): RuleDraft {
  return {
    name: rule.name,
    kind: rule.kind,
    symbol: rule.symbol,
    timeframe: rule.timeframe as Timeframe,
    cooldownMinutes: String(rule.cooldownMinutes),
    values: valuesOf(form, rule.params),
  };
}

type Checked = { ok: true; request: CreateAlertRuleRequest } | { ok: false; problems: string[] };

/** The request to send, or one sentence per input to fix (the server checks again). */
export function toRuleRequest(draft: RuleDraft, form: KindForm): Checked {
  const problems: string[] = [];
  const name = draft.name.trim();
  if (name === '') problems.push('Name is required.');
  if (draft.symbol === '') problems.push('Symbol is required.');
  const cooldownText = draft.cooldownMinutes.trim();
  const cooldown = cooldownText === '' ? 0 : Number(cooldownText);
  if (!Number.isInteger(cooldown) || cooldown < 0 || cooldown > MAX_COOLDOWN_MINUTES) {
    problems.push(`Cooldown (minutes) must be a whole number from 0 to ${MAX_COOLDOWN_MINUTES}.`);
  }
  const params = toParams(form, draft.values);
  if (!params.ok) problems.push(...params.problems);
  if (problems.length > 0 || !params.ok) return { ok: false, problems };
  return {
    ok: true,
    request: {
      name,
      kind: draft.kind,
      symbol: draft.symbol,
      timeframe: draft.timeframe,
      params: params.params,
      cooldownMinutes: cooldown,
      enabled: true,
    },
  };
}
