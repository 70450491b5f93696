import { Panel } from '../../../shared/ui/panel';
import { EmptyState, ErrorNotice, Loading } from '../../../shared/ui/states';
import { useChannels } from '../api/channels.api';
import { useSubscriptions } from '../api/subscriptions.api';
import type { SourceChoices } from '../model/subscription-source';
import { SubscriptionForm } from './subscription-form';
import { SubscriptionList } from './subscription-list';

/** What is pushed to which channel: the form to add a subscription and the list to tune or remove them. */
export function SubscriptionsSection({ choices }: { choices: SourceChoices }) {
  const channels = useChannels();
  const subscriptions = useSubscriptions();
  return (
    <Panel title="Subscriptions">
      <div className="flex flex-col gap-4">
        {channels.isPending ? (
          <Loading label="Loading channels…" />
        ) : channels.isError ? (
          <ErrorNotice error={channels.error} onRetry={() => void channels.refetch()} />
        ) : (
          <SubscriptionForm channels={channels.data.channels} choices={choices} />
        )}
        {subscriptions.isPending ? (
          <Loading label="Loading subscriptions…" />
        ) : subscriptions.isError ? (
          <ErrorNotice error={subscriptions.error} onRetry={() => void subscriptions.refetch()} />
        ) : subscriptions.data.subscriptions.length === 0 ? (
          <EmptyState title="No subscriptions yet">Nothing is pushed to your channels until you subscribe.</EmptyState>
        ) : (
          <SubscriptionList subscriptions={subscriptions.data.subscriptions} choices={choices} />
        )}
      </div>
    </Panel>
  );
}
