import { Badge } from '../../../shared/ui/badge';
import { Panel } from '../../../shared/ui/panel';
import { ErrorNotice, Loading } from '../../../shared/ui/states';
import { useOpsOverview } from '../api/ops-overview.api';
import { DependenciesList } from './dependencies-list';
import { JobQueuesTable } from './job-queues-table';
import { SchedulesTable } from './schedules-table';

/** Dependencies, job queues and schedules: one request, refreshed every few seconds. */
export function OpsOverviewPanels() {
  const overview = useOpsOverview();
  if (overview.isPending) return <Loading label="Reading the platform's state…" />;
  if (overview.isError) return <ErrorNotice error={overview.error} onRetry={() => void overview.refetch()} />;
  const { dependencies, queue, jobs, schedules, failedWindowHours, generatedAt } = overview.data;

  return (
    <>
      <Panel
        title="Dependencies"
        actions={
          <Badge tone={dependencies.status === 'ok' ? 'success' : 'danger'}>
            {dependencies.status === 'ok' ? 'ready' : 'not ready'}
          </Badge>
        }
      >
        <DependenciesList readiness={dependencies} />
      </Panel>
      {/* Side by side only on wide screens: job names are long and must stay on one line. */}
      <div className="grid min-w-0 grid-cols-1 gap-5 2xl:grid-cols-2">
        <Panel title={`Job queues (${queue.kind})`} className="min-w-0">
          <JobQueuesTable jobs={jobs} failedWindowHours={failedWindowHours} queueError={queue.error} />
        </Panel>
        <Panel title="Schedules" className="min-w-0">
          <SchedulesTable schedules={schedules} now={Date.parse(generatedAt)} />
        </Panel>
      </div>
    </>
  );
}

/** How many notification deliveries were dead-lettered, beside the delivery log's title. */
export function DeadLetterCount() {
  const overview = useOpsOverview();
  const dead = overview.data?.deadLetteredDeliveries;
  if (dead === undefined || dead === null) return null;
  return (
    <span data-testid="ops-dead-letters" data-count={dead}>
      <Badge tone={dead > 0 ? 'danger' : 'neutral'}>{dead} dead-lettered</Badge>
    </span>
  );
}
