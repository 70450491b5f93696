import type { Assessment } from '@marketlens/contracts';
import { Badge } from '../../../shared/ui/badge';
import { Panel } from '../../../shared/ui/panel';
import { changeWords, scoreChangeWords } from '../model/diff-words';
import { FLAG_LABELS } from '../model/flag-words';

/** "What changed since the last assessment": the server's summary sentence, then each flag that moved. */
export function AssessmentDiffPanel({ latest }: { latest: Assessment | null }) {
  return (
    <Panel title="What changed since the last assessment">
      {!latest ? (
        <p className="text-sm text-slate-500">Not assessed yet: nothing to compare.</p>
      ) : (
        <DiffBody diff={latest.diff} />
      )}
    </Panel>
  );
}

function DiffBody({ diff }: { diff: Assessment['diff'] }) {
  const change = scoreChangeWords(diff.scoreChange);
  return (
    <div data-testid="assessment-diff" className="flex flex-col gap-2">
      <p data-testid="diff-summary" className="text-sm break-words text-slate-800">
        {diff.summary}
      </p>
      {diff.previousId === null ? (
        <p className="text-xs text-slate-500">This is the token&rsquo;s first assessment.</p>
      ) : change ? (
        <p className="text-xs text-slate-500">
          Score {diff.previousScore ?? '—'} → {(diff.previousScore ?? 0) + (diff.scoreChange ?? 0)} ({change}).
        </p>
      ) : null}
      {diff.changes.length === 0 ? (
        <p className="text-sm text-slate-500">No flag appeared, cleared or changed level.</p>
      ) : (
        <ul data-testid="diff-changes" className="flex flex-col gap-1.5">
          {diff.changes.map((c) => {
            const words = changeWords(c);
            return (
              <li key={c.code} data-testid="diff-change" data-code={c.code} data-change={c.change} className="text-sm">
                <span className="flex flex-wrap items-center gap-2">
                  <Badge tone={words.tone}>{words.label}</Badge>
                  <span className="font-medium text-slate-800" title={c.code}>
                    {FLAG_LABELS[c.code]}
                  </span>
                </span>
                <span className="mt-0.5 block text-xs break-words text-slate-500">{c.message}</span>
              </li>
            );
          })}
        </ul>
      )}
    </div>
  );
}
