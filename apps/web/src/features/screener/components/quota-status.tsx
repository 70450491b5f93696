import { Badge } from '../../../shared/ui/badge';
import { useQuotaStatus } from '../api/quota.api';
import { quotaWords } from '../model/quota-words';

/** The market-data budget of the day (Alpha Vantage's free key: 25 requests), beside the page title. */
export function QuotaStatus() {
  const quota = useQuotaStatus();
  // The budget is a side note: an error here must not take space from the screen.
  if (!quota.data) return null;
  const words = quotaWords(quota.data);
  return (
    <span data-testid="quota-status" data-remaining={quota.data.remaining} data-configured={quota.data.configured}>
      <Badge tone={words.tone} title={words.title}>
        {words.text}
      </Badge>
    </span>
  );
}
