import type { NotificationChannel } from '@marketlens/contracts';
import { formatDateTime } from '../../../shared/format/format';
import { Badge } from '../../../shared/ui/badge';
import { Button } from '../../../shared/ui/button';
import { ConfirmButton } from '../../../shared/ui/confirm-button';
import { useDeleteChannel, useTestChannel } from '../api/channels.api';
import { CHANNEL_KIND_LABELS, channelTarget } from '../model/channel-words';
import { AlertsError } from './alerts-error';

function mutedUntil(channel: NotificationChannel, now: number): string | null {
  return channel.mutedUntil && Date.parse(channel.mutedUntil) > now ? formatDateTime(channel.mutedUntil) : null;
}

/** The caller's channels, each with a test send (verified ones) and removal. */
export function ChannelList({ channels }: { channels: readonly NotificationChannel[] }) {
  const test = useTestChannel();
  const remove = useDeleteChannel();
  const now = Date.now();
  return (
    <div className="flex flex-col gap-2">
      {remove.isError ? <AlertsError error={remove.error} title="Could not delete the channel" /> : null}
      <ul data-testid="channel-list" aria-label="Your channels" className="flex flex-col divide-y divide-slate-100">
        {channels.map((channel) => {
          const muted = mutedUntil(channel, now);
          const tested = test.variables === channel.id ? test : null;
          return (
            <li
              key={channel.id}
              data-testid="channel-row"
              data-kind={channel.kind}
              data-verified={channel.verified}
              data-channel-id={channel.id}
              className="flex flex-col gap-1.5 py-2.5 first:pt-0 last:pb-0"
            >
              <div className="flex flex-wrap items-center justify-between gap-2">
                <div className="flex min-w-0 items-center gap-2">
                  <Badge>{CHANNEL_KIND_LABELS[channel.kind]}</Badge>
                  <span className="min-w-0 truncate text-sm font-medium text-slate-900" title={channel.label}>
                    {channel.label}
                  </span>
                  {channel.verified ? (
                    <Badge tone="success">verified</Badge>
                  ) : (
                    <Badge tone="warning" title="Follow the link in the verification email">
                      awaiting verification
                    </Badge>
                  )}
                  {muted ? <Badge title="Muted in Telegram with /mute">muted until {muted}</Badge> : null}
                </div>
                <div className="flex shrink-0 items-center gap-2">
                  {channel.verified ? (
                    <Button
                      size="sm"
                      variant="secondary"
                      aria-label={`Send a test to ${channel.label}`}
                      data-testid="channel-test"
                      disabled={tested?.isPending}
                      onClick={() => test.mutate(channel.id)}
                    >
                      {tested?.isPending ? 'Sending…' : 'Send test'}
                    </Button>
                  ) : null}
                  <ConfirmButton
                    label="Delete"
                    ariaLabel={`Delete channel ${channel.label}`}
                    question="Delete it with its subscriptions?"
                    testId="channel-delete"
                    disabled={remove.isPending && remove.variables === channel.id}
                    onConfirm={() => remove.mutate(channel.id)}
                  />
                </div>
              </div>
              <p className="text-xs break-all text-slate-500">{channelTarget(channel)}</p>
              {tested?.isSuccess ? (
                <p role="status" data-testid="channel-test-sent" className="text-xs text-emerald-700">
                  Test notification queued (delivery #{tested.data.deliveryId}); watch it in the delivery log.
                </p>
              ) : null}
              {tested?.isError ? <AlertsError error={tested.error} title="Could not send a test" /> : null}
            </li>
          );
        })}
      </ul>
    </div>
  );
}
