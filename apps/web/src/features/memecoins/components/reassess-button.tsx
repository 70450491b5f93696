import { Button } from '../../../shared/ui/button';
import { useReassess } from '../api/assessments.api';

/** Queues a fresh assessment of the token (analysts); the page reads the token again once it has likely run. */
export function ReassessButton({ address }: { address: string }) {
  const reassess = useReassess(address);
  return (
    <span className="inline-flex flex-wrap items-center gap-2">
      {reassess.isError ? (
        <span role="alert" className="text-xs text-rose-700">
          {reassess.error.message}
        </span>
      ) : reassess.isSuccess ? (
        <span role="status" data-testid="reassess-queued" className="text-xs text-emerald-700">
          Assessment queued.
        </span>
      ) : null}
      <Button size="sm" data-testid="reassess" disabled={reassess.isPending} onClick={() => reassess.mutate()}>
        {reassess.isPending ? 'Queueing…' : 'Re-assess'}
      </Button>
    </span>
  );
}
