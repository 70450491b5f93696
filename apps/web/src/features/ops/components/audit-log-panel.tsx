import { useState } from 'react';
import { Button } from '../../../shared/ui/button';
import { EmptyState, ErrorNotice, Loading } from '../../../shared/ui/states';
import { NO_AUDIT_FILTERS, useAuditLog, type AuditFilters } from '../api/audit-log.api';
import { AuditFiltersForm } from './audit-filters-form';
import { AuditLogTable } from './audit-log-table';

/** Who did what, when: filtered on the server, newest first, older pages on demand. */
export function AuditLogPanel() {
  const [filters, setFilters] = useState<AuditFilters>(NO_AUDIT_FILTERS);
  const log = useAuditLog(filters);
  const actions = log.data?.pages[0]?.actions ?? [];
  const entries = log.data?.pages.flatMap((p) => p.entries) ?? [];

  return (
    <div className="flex flex-col gap-3">
      <AuditFiltersForm actions={actions} onApply={setFilters} />
      {log.isPending ? (
        <Loading label="Loading the audit log…" />
      ) : log.isError ? (
        <ErrorNotice error={log.error} onRetry={() => void log.refetch()} />
      ) : entries.length === 0 ? (
        <EmptyState title="No entries">Nothing recorded matches these filters.</EmptyState>
      ) : (
        <>
          <AuditLogTable entries={entries} />
          {log.hasNextPage ? (
            <Button
              variant="secondary"
              size="sm"
              className="self-start"
              data-testid="ops-audit-more"
              disabled={log.isFetchingNextPage}
              onClick={() => void log.fetchNextPage()}
            >
              Older entries
            </Button>
          ) : null}
        </>
      )}
    </div>
  );
}
