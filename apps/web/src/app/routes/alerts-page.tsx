import { useMemo } from 'react';
import { useAlertRules } from '../../features/alerts/api/alert-rules.api';
import { AlertEventsSection, AlertRulesSection } from '../../features/alerts/components/alert-rules-section';
import { ChannelsSection } from '../../features/alerts/components/channels-section';
import { DeliveryLog } from '../../features/alerts/components/delivery-log';
import { SubscriptionsSection } from '../../features/alerts/components/subscriptions-section';
import type { SourceChoices } from '../../features/alerts/model/subscription-source';
import { useInstruments } from '../../features/instruments/api/instruments.api';
import { useStrategies } from '../../features/signals/api/strategies.api';
import { hasRole, useSession } from '../../shared/api/use-session';
import { PageHeader, Panel } from '../../shared/ui/panel';

export default function AlertsPage() {
  const { user } = useSession();
  const isAdmin = hasRole(user?.role, 'admin');
  // Archived strategies too: a subscription to one still needs its name.
  const strategies = useStrategies('include');
  const instruments = useInstruments();
  const rules = useAlertRules();

  const choices = useMemo<SourceChoices>(
    () => ({
      strategies: (strategies.data?.strategies ?? []).map((s) => ({
        id: s.id,
        name: s.archivedAt ? `${s.name} (archived)` : s.name,
      })),
      symbols: (instruments.data?.instruments ?? []).map((i) => i.symbol),
      rules: rules.data?.rules ?? [],
    }),
    [strategies.data, instruments.data, rules.data],
  );

  return (
    <>
      <PageHeader
        title="Alerts"
        description="Where you are notified (Telegram, email, webhooks), what is pushed to you, your alert rules, and every delivery."
      />
      <div className="flex flex-col gap-5">
        <div className="grid grid-cols-1 gap-5 xl:grid-cols-2">
          <ChannelsSection />
          <SubscriptionsSection choices={choices} />
        </div>
        <AlertRulesSection instruments={instruments.data?.instruments ?? []} />
        <AlertEventsSection />
        <Panel title={isAdmin ? 'Delivery log (every user)' : 'Delivery log'}>
          <DeliveryLog canRetry={isAdmin} />
        </Panel>
      </div>
    </>
  );
}
