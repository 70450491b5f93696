import type { AlertRule, Instrument } from '@marketlens/contracts';
import { useState } from 'react';
import { Panel } from '../../../shared/ui/panel';
import { EmptyState, ErrorNotice, Loading } from '../../../shared/ui/states';
import { useAlertEvents, useAlertKinds, useAlertRules } from '../api/alert-rules.api';
import { AlertEventTable } from './alert-event-table';
import { AlertRuleEditor } from './alert-rule-editor';
import { AlertRuleList } from './alert-rule-list';

type Instruments = readonly Pick<Instrument, 'symbol' | 'timeframes'>[];

/** The rule editor beside the caller's rules. */
export function AlertRulesSection({ instruments }: { instruments: Instruments }) {
  const kinds = useAlertKinds();
  const rules = useAlertRules();
  const [editing, setEditing] = useState<AlertRule | null>(null);
  return (
    <Panel title="Alert rules">
      <div className="grid grid-cols-1 gap-5 xl:grid-cols-[minmax(0,5fr)_minmax(0,7fr)]">
        <section aria-label={editing ? `Edit ${editing.name}` : 'New alert rule'}>
          <h3 className="mb-2 text-xs font-semibold tracking-wider text-slate-500 uppercase">
            {editing ? `Edit “${editing.name}”` : 'New rule'}
          </h3>
          {kinds.isPending ? (
            <Loading label="Loading rule kinds…" />
          ) : kinds.isError ? (
            <ErrorNotice error={kinds.error} onRetry={() => void kinds.refetch()} />
          ) : (
            <AlertRuleEditor
              key={editing?.id ?? 'new'}
              kinds={kinds.data.kinds}
              instruments={instruments}
              editing={editing}
              onDone={() => setEditing(null)}
            />
          )}
        </section>
        <section aria-label="Your alert rules">
          <h3 className="mb-2 text-xs font-semibold tracking-wider text-slate-500 uppercase">Your rules</h3>
          {rules.isPending ? (
            <Loading label="Loading rules…" />
          ) : rules.isError ? (
            <ErrorNotice error={rules.error} onRetry={() => void rules.refetch()} />
          ) : rules.data.rules.length === 0 ? (
            <EmptyState title="No alert rules yet">
              A rule watches one symbol: a price level or move, a regime or a forecast. Subscribe a channel to it.
            </EmptyState>
          ) : (
            <AlertRuleList rules={rules.data.rules} onEdit={setEditing} />
          )}
        </section>
      </div>
    </Panel>
  );
}

/** The newest alerts raised by the caller's rules. */
export function AlertEventsSection() {
  const events = useAlertEvents();
  return (
    <Panel title="Recent alerts">
      {events.isPending ? (
        <Loading label="Loading alerts…" />
      ) : events.isError ? (
        <ErrorNotice error={events.error} onRetry={() => void events.refetch()} />
      ) : events.data.events.length === 0 ? (
        <EmptyState title="No alerts raised yet">A rule raises one when its condition starts to hold.</EmptyState>
      ) : (
        <AlertEventTable events={events.data.events} />
      )}
    </Panel>
  );
}
