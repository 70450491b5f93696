import { Badge } from '../../../shared/ui/badge';

export function MemeSyntheticBadge() {
  return (
    <span data-testid="synthetic-badge">
      <Badge tone="warning" title="Generated demo data: not a real token, its transactions and posts are made up">
        SYNTHETIC
      </Badge>
    </span>
  );
}
