import { Badge } from '../../../shared/ui/badge';

export function SyntheticBadge() {
  return (
    <Badge tone="warning" title="Generated demo data, not real market prices">
      SYNTHETIC
    </Badge>
  );
}
