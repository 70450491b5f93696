import type { OpsJob } from '@marketlens/contracts';
import { Button } from '../../../shared/ui/button';
import { ErrorNotice } from '../../../shared/ui/states';
import { NumTd, Table, Td, Th } from '../../../shared/ui/table';
import { useRunJob } from '../api/ops-overview.api';

interface JobQueuesTableProps {
  jobs: readonly OpsJob[];
  failedWindowHours: number;
  /** Why the queue gave no counts, when it did not answer. */
  queueError: string | null;
}

const count = (n: number | null) => (n === null ? '—' : n);

/** Every job handler with its jobs by queue state, its recent failures and a button to run it now. */
export function JobQueuesTable({ jobs, failedWindowHours, queueError }: JobQueuesTableProps) {
  const run = useRunJob();
  return (
    <div className="flex flex-col gap-3">
      {queueError ? <ErrorNotice error={new Error(queueError)} title="The queue did not answer" /> : null}
      {run.isError ? <ErrorNotice error={run.error} title="Could not start the job" /> : null}
      <Table aria-label="Job queues" data-testid="ops-queues" containerClassName="max-h-96">
        <thead>
          <tr>
            <Th className="sticky top-0 z-10">Job</Th>
            <Th className="sticky top-0 z-10 text-right">Waiting</Th>
            <Th className="sticky top-0 z-10 text-right">Active</Th>
            <Th className="sticky top-0 z-10 text-right">Delayed</Th>
            <Th
              className="sticky top-0 z-10 text-right"
              title={`Runs that failed in the last ${failedWindowHours} hours`}
            >
              Failed ({failedWindowHours} h)
            </Th>
            <Th className="sticky top-0 z-10 text-right">
              <span className="sr-only">Actions</span>
            </Th>
          </tr>
        </thead>
        <tbody>
          {jobs.map((job) => (
            <tr
              key={job.name}
              data-testid="ops-queue-row"
              data-name={job.name}
              data-waiting={job.waiting ?? ''}
              data-active={job.active ?? ''}
              data-delayed={job.delayed ?? ''}
              data-failed={job.failed ?? ''}
            >
              <Td className="font-mono text-xs whitespace-nowrap">{job.name}</Td>
              <NumTd>{count(job.waiting)}</NumTd>
              <NumTd>{count(job.active)}</NumTd>
              <NumTd>{count(job.delayed)}</NumTd>
              <NumTd className={job.failed ? 'font-semibold text-rose-700' : ''}>{count(job.failed)}</NumTd>
              <Td className="text-right">
                <Button
                  size="sm"
                  variant="secondary"
                  aria-label={`Run ${job.name} now`}
                  data-testid="ops-run-job"
                  disabled={run.isPending && run.variables === job.name}
                  onClick={() => run.mutate(job.name)}
                >
                  Run now
                </Button>
              </Td>
            </tr>
          ))}
        </tbody>
      </Table>
    </div>
  );
}
