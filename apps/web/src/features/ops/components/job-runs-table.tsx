import { jobRunSchema } from '@marketlens/contracts';
import { useState } from 'react';
import { formatDateTime } from '../../../shared/format/format';
import { Badge } from '../../../shared/ui/badge';
import { Button } from '../../../shared/ui/button';
import { Field, Select } from '../../../shared/ui/field';
import { EmptyState, ErrorNotice, Loading } from '../../../shared/ui/states';
import { NumTd, Table, Td, Th } from '../../../shared/ui/table';
import { useJobRuns, useRetryRun, type RunStatusFilter } from '../api/job-runs.api';
import { RUN_STATUS_TONES } from '../model/ops-words';

/** The latest job runs with the error of each failed one in words, and a retry for those. */
export function JobRunsTable() {
  const [status, setStatus] = useState<RunStatusFilter>(null);
  const runs = useJobRuns(status);
  const retry = useRetryRun();

  return (
    <div className="flex flex-col gap-3">
      <Field label="Status" className="w-44">
        {(id) => (
          <Select
            id={id}
            data-testid="ops-runs-status"
            value={status ?? ''}
            onChange={(e) => setStatus(e.target.value === '' ? null : (e.target.value as RunStatusFilter))}
          >
            <option value="">All</option>
            {jobRunSchema.shape.status.options.map((s) => (
              <option key={s} value={s}>
                {s}
              </option>
            ))}
          </Select>
        )}
      </Field>
      {retry.isError ? <ErrorNotice error={retry.error} title="Could not retry the run" /> : null}
      {runs.isPending ? (
        <Loading label="Loading job runs…" />
      ) : runs.isError ? (
        <ErrorNotice error={runs.error} onRetry={() => void runs.refetch()} />
      ) : runs.data.runs.length === 0 ? (
        <EmptyState title={status ? `No ${status} runs` : 'No job has run yet'}>
          Scheduled, manual and retried runs are listed here with their errors.
        </EmptyState>
      ) : (
        <Table aria-label="Job runs" data-testid="ops-runs" containerClassName="max-h-[28rem]">
          <thead>
            <tr>
              <Th className="sticky top-0 z-10">Queued</Th>
              <Th className="sticky top-0 z-10">Job</Th>
              <Th className="sticky top-0 z-10">Status</Th>
              <Th className="sticky top-0 z-10 text-right">Attempt</Th>
              <Th className="sticky top-0 z-10">Error</Th>
            </tr>
          </thead>
          <tbody>
            {runs.data.runs.map((run) => (
              <tr key={run.id} data-testid="ops-run-row" data-id={run.id} data-name={run.name} data-status={run.status}>
                <Td className="text-xs whitespace-nowrap text-slate-600" title={run.queuedAt}>
                  {formatDateTime(run.queuedAt)}
                </Td>
                <Td className="font-mono text-xs whitespace-nowrap">{run.name}</Td>
                <Td>
                  <div className="flex flex-col items-start gap-1">
                    <Badge tone={RUN_STATUS_TONES[run.status]}>{run.status}</Badge>
                    {run.status === 'failed' ? (
                      <Button
                        size="sm"
                        variant="secondary"
                        aria-label={`Retry run of ${run.name} queued ${formatDateTime(run.queuedAt)}`}
                        data-testid="ops-run-retry"
                        disabled={retry.isPending && retry.variables === run.id}
                        onClick={() => retry.mutate(run.id)}
                      >
                        Retry
                      </Button>
                    ) : null}
                  </div>
                </Td>
                <NumTd>{run.attempt}</NumTd>
                {/* anywhere: an error with a long URL must shrink its column, not widen the page. */}
                <Td className="max-w-96 text-xs [overflow-wrap:anywhere] text-rose-700" data-testid="ops-run-error">
                  {run.error ?? ''}
                </Td>
              </tr>
            ))}
          </tbody>
        </Table>
      )}
    </div>
  );
}
