import { Button } from '../../../shared/ui/button';
import { useCollect } from '../api/collectors.api';

/** Queues a collection run (one token, or every watched token) and says it was queued or why not. */
export function CollectButton({ address }: { address?: string }) {
  const collect = useCollect();
  return (
    <span className="inline-flex flex-wrap items-center gap-2">
      {collect.isError ? (
        <span role="alert" className="text-xs text-rose-700">
          {collect.error.message}
        </span>
      ) : collect.isSuccess ? (
        <span role="status" data-testid="collect-queued" className="text-xs text-emerald-700">
          Collection queued; new data shows once it has run.
        </span>
      ) : null}
      <Button
        size="sm"
        variant="secondary"
        data-testid="collect-now"
        disabled={collect.isPending}
        onClick={() => collect.mutate(address)}
      >
        {collect.isPending ? 'Queueing…' : 'Collect now'}
      </Button>
    </span>
  );
}
