import { Navigate } from 'react-router';
import { DeliveryLog } from '../../features/alerts/components/delivery-log';
import { AuditLogPanel } from '../../features/ops/components/audit-log-panel';
import { FeatureFlagsPanel } from '../../features/ops/components/feature-flags-panel';
import { JobRunsTable } from '../../features/ops/components/job-runs-table';
import { DeadLetterCount, OpsOverviewPanels } from '../../features/ops/components/ops-overview-panels';
import { hasRole, useSession } from '../../shared/api/use-session';
import { PageHeader, Panel } from '../../shared/ui/panel';

export default function OpsPage() {
  const { user } = useSession();
  if (!user) return null;
  if (!hasRole(user.role, 'admin')) return <Navigate to="/data" replace />;
  return (
    <>
      <PageHeader
        title="Ops"
        description="Dependencies, job queues and runs, schedules, notification dead letters, feature flags and the audit log."
      />
      <div className="flex min-w-0 flex-col gap-5">
        <OpsOverviewPanels />
        <Panel title="Recent job runs">
          <JobRunsTable />
        </Panel>
        {/* The Alerts page's delivery log, not a copy: filter it to "dead" to retry what the dispatcher gave up on. */}
        <Panel
          title={
            <span className="flex items-center gap-2">
              Notification deliveries <DeadLetterCount />
            </span>
          }
        >
          <DeliveryLog canRetry />
        </Panel>
        <div className="grid min-w-0 grid-cols-1 gap-5 xl:grid-cols-[minmax(0,20rem)_minmax(0,1fr)]">
          <Panel title="Feature flags" className="min-w-0 self-start">
            <FeatureFlagsPanel />
          </Panel>
          <Panel title="Audit log" className="min-w-0">
            <AuditLogPanel />
          </Panel>
        </div>
      </div>
    </>
  );
}
