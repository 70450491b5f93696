import { Badge } from '../../../shared/ui/badge';
import { useSystemInfo } from '../api/system.api';

/** Embedded (PGlite, in-process) vs distributed (PostgreSQL, Redis, BullMQ), so nobody mistakes one for the other. */
export function ModeBadge() {
  const { data, isError } = useSystemInfo();
  if (isError) return <Badge tone="danger">mode unknown</Badge>;
  if (!data) return null;
  const title = `v${data.version} · database ${data.database} · cache ${data.cache} · queue ${data.queue}`;
  return (
    <span data-testid="mode-badge">
      <Badge tone={data.mode === 'embedded' ? 'info' : 'success'} title={title}>
        {data.mode.toUpperCase()}
      </Badge>
    </span>
  );
}
