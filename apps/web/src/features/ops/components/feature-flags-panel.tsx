import type { FeatureFlag } from '@marketlens/contracts';
import { formatDateTime } from '../../../shared/format/format';
import { cx } from '../../../shared/ui/cx';
import { EmptyState, ErrorNotice, Loading } from '../../../shared/ui/states';
import { useFeatureFlags, useSetFeatureFlag } from '../api/feature-flags.api';
import { CreateFlagForm } from './create-flag-form';

/** Feature flags with a switch each; every switch is audited (flags.update). */
export function FeatureFlagsPanel() {
  const flags = useFeatureFlags();
  const toggle = useSetFeatureFlag();

  return (
    <div className="flex flex-col gap-3">
      {toggle.isError ? <ErrorNotice error={toggle.error} title="Could not switch the flag" /> : null}
      {flags.isPending ? (
        <Loading label="Loading feature flags…" />
      ) : flags.isError ? (
        <ErrorNotice error={flags.error} onRetry={() => void flags.refetch()} />
      ) : flags.data.flags.length === 0 ? (
        <EmptyState title="No feature flags yet">Create one below; code reads it by its key.</EmptyState>
      ) : (
        <ul className="flex flex-col divide-y divide-slate-100" data-testid="ops-flags">
          {flags.data.flags.map((flag) => (
            <FlagRow
              key={flag.key}
              flag={flag}
              busy={toggle.isPending && toggle.variables?.key === flag.key}
              onToggle={() => toggle.mutate({ key: flag.key, enabled: !flag.enabled })}
            />
          ))}
        </ul>
      )}
      <CreateFlagForm />
    </div>
  );
}

function FlagRow({ flag, busy, onToggle }: { flag: FeatureFlag; busy: boolean; onToggle: () => void }) {
  return (
    <li
      className="flex items-center justify-between gap-3 py-2"
      data-testid="ops-flag"
      data-key={flag.key}
      data-enabled={flag.enabled}
    >
      <div className="min-w-0">
        <p className="font-mono text-xs break-all text-slate-800">{flag.key}</p>
        {flag.description ? <p className="text-xs text-slate-500">{flag.description}</p> : null}
        <p className="text-[11px] text-slate-400">changed {formatDateTime(flag.updatedAt)}</p>
      </div>
      <button
        type="button"
        role="switch"
        aria-checked={flag.enabled}
        aria-label={`${flag.key} ${flag.enabled ? 'on' : 'off'}`}
        data-testid="ops-flag-toggle"
        disabled={busy}
        onClick={onToggle}
        className={cx(
          'relative inline-flex h-5 w-9 shrink-0 items-center rounded-full transition-colors disabled:opacity-50',
          flag.enabled ? 'bg-emerald-600' : 'bg-slate-300',
        )}
      >
        <span
          aria-hidden
          className={cx(
            'inline-block size-4 rounded-full bg-white shadow transition-transform',
            flag.enabled ? 'translate-x-4.5' : 'translate-x-0.5',
          )}
        />
      </button>
    </li>
  );
}
