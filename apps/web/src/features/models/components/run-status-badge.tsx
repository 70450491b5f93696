import type { RunStatus } from '@marketlens/contracts';
import { Badge, type BadgeTone } from '../../../shared/ui/badge';

const TONE: Record<RunStatus, BadgeTone> = { running: 'info', succeeded: 'success', failed: 'danger' };

export function RunStatusBadge({ status }: { status: RunStatus }) {
  return <Badge tone={TONE[status]}>{status}</Badge>;
}
