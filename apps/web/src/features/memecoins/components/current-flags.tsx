import type { Assessment } from '@marketlens/contracts';
import { useState } from 'react';
import { Badge } from '../../../shared/ui/badge';
import { Panel } from '../../../shared/ui/panel';
import { evidenceCount } from '../model/evidence-words';
import { byLevel, FLAG_LABELS, LEVEL_TONE } from '../model/flag-words';
import { EvidenceList } from './evidence-list';

type Flag = Assessment['flags'][number];

function FlagRow({ flag, synthetic }: { flag: Flag; synthetic: boolean }) {
  const [open, setOpen] = useState(false);
  return (
    <li data-testid="current-flag" data-code={flag.code} data-level={flag.level} className="py-2 first:pt-0 last:pb-0">
      <button
        type="button"
        aria-expanded={open}
        onClick={() => setOpen((o) => !o)}
        className="flex w-full items-start gap-2 text-left hover:bg-slate-50 focus-visible:outline-2 focus-visible:outline-sky-500"
      >
        <span aria-hidden className="mt-0.5 w-3 text-xs text-slate-400">
          {open ? '▾' : '▸'}
        </span>
        <span className="min-w-0 flex-1">
          <span className="flex flex-wrap items-center gap-2">
            <Badge tone={LEVEL_TONE[flag.level]}>{flag.level}</Badge>
            <span className="text-sm font-medium text-slate-800" title={flag.code}>
              {FLAG_LABELS[flag.code]}
            </span>
            {flag.suppressedBy ? <span className="text-xs text-slate-500">(trusted token: informational)</span> : null}
          </span>
          <span className="mt-0.5 block text-sm break-words text-slate-600">{flag.message}</span>
          <span className="block text-xs text-slate-400">{evidenceCount(flag.evidence)}</span>
        </span>
      </button>
      {open ? (
        <div className="mt-2 ml-5" data-testid="current-flag-evidence">
          <EvidenceList evidence={flag.evidence} synthetic={synthetic} />
        </div>
      ) : null}
    </li>
  );
}

/** The latest assessment's flags, most serious first; each expands to its evidence. */
export function CurrentFlags({ latest, synthetic }: { latest: Assessment | null; synthetic: boolean }) {
  const flags = latest ? byLevel(latest.flags) : [];
  return (
    <Panel title="Current flags">
      {!latest ? (
        <p className="text-sm text-slate-500">Not assessed yet.</p>
      ) : flags.length === 0 ? (
        <p className="text-sm text-slate-500">The latest assessment raised no flag.</p>
      ) : (
        <ul data-testid="current-flags" className="divide-y divide-slate-100">
          {flags.map((f) => (
            <FlagRow key={f.code} flag={f} synthetic={synthetic} />
          ))}
        </ul>
      )}
    </Panel>
  );
}
