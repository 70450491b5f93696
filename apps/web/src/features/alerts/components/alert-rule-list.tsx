import type { AlertRule } from '@marketlens/contracts';
import { formatDateTime } from '../../../shared/format/format';
import { Badge } from '../../../shared/ui/badge';
import { Button } from '../../../shared/ui/button';
import { ConfirmButton } from '../../../shared/ui/confirm-button';
import { useDeleteAlertRule, useUpdateAlertRule } from '../api/alert-rules.api';
import { kindLabel } from '../model/alert-params';
import { AlertsError } from './alerts-error';

/** The caller's rules: the condition in words, a switch, when it last fired and why it last failed. */
export function AlertRuleList({ rules, onEdit }: { rules: readonly AlertRule[]; onEdit: (rule: AlertRule) => void }) {
  const update = useUpdateAlertRule();
  const remove = useDeleteAlertRule();
  return (
    <div className="flex flex-col gap-2">
      {update.isError ? <AlertsError error={update.error} title="Could not change the rule" /> : null}
      {remove.isError ? <AlertsError error={remove.error} title="Could not delete the rule" /> : null}
      <ul data-testid="rule-list" aria-label="Alert rules" className="flex flex-col divide-y divide-slate-100">
        {rules.map((rule) => (
          <li
            key={rule.id}
            data-testid="rule-row"
            data-enabled={rule.enabled}
            className="flex flex-col gap-1 py-2.5 first:pt-0 last:pb-0"
          >
            <div className="flex flex-wrap items-center justify-between gap-2">
              <p className="min-w-0 text-sm">
                <span className="font-medium text-slate-900">{rule.name}</span>
                <span className="font-mono text-xs text-slate-500">
                  {' '}
                  {rule.symbol} {rule.timeframe}
                </span>
              </p>
              <div className="flex shrink-0 items-center gap-2">
                <label className="inline-flex items-center gap-1.5 text-xs text-slate-600">
                  <input
                    type="checkbox"
                    aria-label={`Enabled: ${rule.name}`}
                    data-testid="rule-enabled"
                    checked={rule.enabled}
                    disabled={update.isPending && update.variables.id === rule.id}
                    onChange={() => update.mutate({ id: rule.id, enabled: !rule.enabled })}
                    className="size-4 accent-slate-900"
                  />
                  enabled
                </label>
                <Button size="sm" variant="secondary" aria-label={`Edit ${rule.name}`} onClick={() => onEdit(rule)}>
                  Edit
                </Button>
                <ConfirmButton
                  label="Delete"
                  ariaLabel={`Delete rule ${rule.name}`}
                  question="Delete this rule?"
                  testId="rule-delete"
                  disabled={remove.isPending && remove.variables === rule.id}
                  onConfirm={() => remove.mutate(rule.id)}
                />
              </div>
            </div>
            <p className="text-xs text-slate-600" data-testid="rule-description">
              <Badge>{kindLabel(rule.kind)}</Badge> {rule.description}
              {rule.cooldownMinutes > 0 ? `, at most once per ${rule.cooldownMinutes} min` : ''}
            </p>
            <p className="text-xs text-slate-500">
              {rule.lastTriggeredAt ? `last triggered ${formatDateTime(rule.lastTriggeredAt)}` : 'not triggered yet'}
            </p>
            {rule.lastError ? (
              <p className="text-xs break-words text-rose-700" data-testid="rule-last-error">
                Last evaluation failed: {rule.lastError}
              </p>
            ) : null}
          </li>
        ))}
      </ul>
    </div>
  );
}
