import { Badge } from '../../../shared/ui/badge';
import { Spinner } from '../../../shared/ui/states';
import type { ScreenResult } from '../api/screener.api';

/** One line over the table: how many match, out of how many, as of when, and how fast the server screened. */
export function ScreenStatus({
  result,
  members,
  synthetic,
  fetching,
}: {
  result: ScreenResult;
  members: number | null;
  synthetic: boolean;
  fetching: boolean;
}) {
  return (
    <p className="flex flex-wrap items-center gap-x-2 gap-y-1 text-xs text-slate-600" data-testid="screen-status">
      <span data-testid="screen-total" data-total={result.total}>
        <span className="font-semibold text-slate-900">{result.total.toLocaleString('en-US')}</span>
        {members !== null ? ` of ${members.toLocaleString('en-US')}` : ''} match
      </span>
      <span aria-hidden>·</span>
      <span>
        as of <span className="font-medium text-slate-800">{result.asOf}</span>
      </span>
      <span aria-hidden>·</span>
      <span data-testid="screen-took">screened in {result.tookMs.toFixed(1)} ms</span>
      {result.total > result.rows.length ? (
        <span className="text-amber-700">
          (first {result.rows.length.toLocaleString('en-US')} shown; export has all)
        </span>
      ) : null}
      {synthetic ? (
        <Badge tone="warning" title="Generated demo data, not a market">
          SYNTHETIC UNIVERSE
        </Badge>
      ) : null}
      {fetching ? <Spinner className="size-3" /> : null}
    </p>
  );
}
