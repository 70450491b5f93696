import { deliveryStatusSchema, type DeliveryStatus } from '@marketlens/contracts';
import { useState } from 'react';
import { formatDateTime } from '../../../shared/format/format';
import { Badge } from '../../../shared/ui/badge';
import { Button } from '../../../shared/ui/button';
import { Field, Select } from '../../../shared/ui/field';
import { EmptyState, ErrorNotice, Loading } from '../../../shared/ui/states';
import { NumTd, Table, Td, Th } from '../../../shared/ui/table';
import { useDeliveries, useRetryDelivery } from '../api/deliveries.api';
import { CHANNEL_KIND_LABELS, DELIVERY_STATUS_TONES } from '../model/channel-words';
import { AlertsError } from './alerts-error';

/**
 * Every notification sent (or being sent) to a channel, newest first, refreshed every few seconds.
 * `canRetry` (admins) sends a dead-lettered one again.
 */
export function DeliveryLog({ canRetry }: { canRetry: boolean }) {
  const [status, setStatus] = useState<DeliveryStatus | null>(null);
  const deliveries = useDeliveries(status);
  const retry = useRetryDelivery();

  return (
    <div className="flex flex-col gap-3">
      <Field label="Status" className="w-44">
        {(id) => (
          <Select
            id={id}
            data-testid="delivery-filter-status"
            value={status ?? ''}
            onChange={(e) => setStatus(e.target.value === '' ? null : (e.target.value as DeliveryStatus))}
          >
            <option value="">All</option>
            {deliveryStatusSchema.options.map((s) => (
              <option key={s} value={s}>
                {s}
              </option>
            ))}
          </Select>
        )}
      </Field>
      {retry.isError ? <AlertsError error={retry.error} title="Could not retry the delivery" /> : null}
      {deliveries.isPending ? (
        <Loading label="Loading the delivery log…" />
      ) : deliveries.isError ? (
        <ErrorNotice error={deliveries.error} onRetry={() => void deliveries.refetch()} />
      ) : deliveries.data.deliveries.length === 0 ? (
        <EmptyState title={status ? `No ${status} deliveries` : 'Nothing sent yet'}>
          Notifications to your channels are listed here with their attempts and errors.
        </EmptyState>
      ) : (
        <Table aria-label="Delivery log" data-testid="delivery-log" data-count={deliveries.data.deliveries.length}>
          <thead>
            <tr>
              <Th>Time</Th>
              <Th>Channel</Th>
              <Th>Topic</Th>
              <Th>Title</Th>
              <Th>Status</Th>
              <Th className="text-right">Attempts</Th>
              <Th>Last error</Th>
            </tr>
          </thead>
          <tbody>
            {deliveries.data.deliveries.map((d) => (
              <tr
                key={d.id}
                data-testid="delivery-row"
                data-status={d.status}
                data-topic={d.topic}
                data-channel-kind={d.channel.kind}
              >
                <Td className="text-xs text-slate-600" title={`created ${d.createdAt}`}>
                  {formatDateTime(d.sentAt ?? d.createdAt)}
                </Td>
                <Td className="text-xs break-words">
                  <span className="text-slate-500">{CHANNEL_KIND_LABELS[d.channel.kind]}</span> {d.channel.label}
                </Td>
                <Td className="text-xs">{d.topic}</Td>
                <Td className="min-w-32 text-xs break-words" data-testid="delivery-title">
                  {d.title}
                </Td>
                <Td>
                  <div className="flex flex-col items-start gap-1">
                    <Badge tone={DELIVERY_STATUS_TONES[d.status]}>{d.status}</Badge>
                    {canRetry && d.status === 'dead' ? (
                      <Button
                        size="sm"
                        variant="secondary"
                        aria-label={`Retry delivery ${d.id}`}
                        data-testid="delivery-retry"
                        disabled={retry.isPending && retry.variables === d.id}
                        onClick={() => retry.mutate(d.id)}
                      >
                        Retry
                      </Button>
                    ) : null}
                  </div>
                </Td>
                <NumTd>{d.attempts}</NumTd>
                {/* anywhere, not break-word: a table sizes columns by min-content, and only anywhere lets a long URL in an error shrink it. */}
                <Td className="max-w-64 text-xs [overflow-wrap:anywhere] text-rose-700">{d.lastError ?? ''}</Td>
              </tr>
            ))}
          </tbody>
        </Table>
      )}
    </div>
  );
}
