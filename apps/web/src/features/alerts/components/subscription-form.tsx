import {
  subscriptionLevelSchema,
  subscriptionSourceSchema,
  type NotificationChannel,
  type Subscription,
  type SubscriptionSource,
} from '@marketlens/contracts';
import { useState, type FormEvent } from 'react';
import { Button } from '../../../shared/ui/button';
import { Field, Select } from '../../../shared/ui/field';
import { useCreateSubscription } from '../api/subscriptions.api';
import { CHANNEL_KIND_LABELS } from '../model/channel-words';
import { LEVEL_LABELS, SOURCE_LABELS, sourceOptions, type SourceChoices } from '../model/subscription-source';
import { AlertsError } from './alerts-error';

type Level = Subscription['level'];
type Mode = Subscription['mode'];

const EMPTY_SOURCE: Readonly<Record<SubscriptionSource, string>> = {
  strategy: 'No strategies yet',
  symbol: 'No instruments yet',
  alert_rule: 'No alert rules yet',
};

/** Subscribes one verified channel to a strategy's signals, a symbol's signals or an alert rule. */
export function SubscriptionForm({
  channels,
  choices,
}: {
  channels: readonly NotificationChannel[];
  choices: SourceChoices;
}) {
  const usable = channels.filter((c) => c.verified);
  const [channelId, setChannelId] = useState('');
  const [source, setSource] = useState<SubscriptionSource>('strategy');
  const [ref, setRef] = useState('');
  const [level, setLevel] = useState<Level>('on');
  const [mode, setMode] = useState<Mode>('immediate');
  const create = useCreateSubscription();

  const channel = usable.find((c) => c.id === channelId) ?? usable[0];
  const options = sourceOptions(source, choices);
  const chosenRef = options.some((o) => o.value === ref) ? ref : (options[0]?.value ?? '');
  const isEmail = channel?.kind === 'email';

  if (usable.length === 0) {
    return (
      <p className="text-sm text-slate-500" data-testid="subscription-no-channel">
        Add and verify a channel first; then subscribe it to strategies, symbols or alert rules here.
      </p>
    );
  }

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!channel || chosenRef === '') return;
    create.mutate({ channelId: channel.id, source, ref: chosenRef, level, mode: isEmail ? mode : 'immediate' });
  };

  return (
    <form onSubmit={submit} noValidate data-testid="subscription-form" className="flex flex-col gap-3">
      <div className="grid grid-cols-1 gap-3 sm:grid-cols-2">
        <Field label="Channel">
          {(id) => (
            <Select
              id={id}
              data-testid="subscription-channel"
              value={channel?.id ?? ''}
              onChange={(e) => setChannelId(e.target.value)}
            >
              {usable.map((c) => (
                <option key={c.id} value={c.id}>
                  {CHANNEL_KIND_LABELS[c.kind]}: {c.label}
                </option>
              ))}
            </Select>
          )}
        </Field>
        <Field label="Source">
          {(id) => (
            <Select
              id={id}
              data-testid="subscription-source"
              value={source}
              onChange={(e) => setSource(e.target.value as SubscriptionSource)}
            >
              {subscriptionSourceSchema.options.map((s) => (
                <option key={s} value={s}>
                  {SOURCE_LABELS[s]}
                </option>
              ))}
            </Select>
          )}
        </Field>
        <Field label={source === 'strategy' ? 'Strategy' : source === 'symbol' ? 'Symbol' : 'Alert rule'}>
          {(id) => (
            <Select
              id={id}
              data-testid="subscription-ref"
              value={chosenRef}
              disabled={options.length === 0}
              onChange={(e) => setRef(e.target.value)}
            >
              {options.length === 0 ? <option value="">{EMPTY_SOURCE[source]}</option> : null}
              {options.map((o) => (
                <option key={o.value} value={o.value}>
                  {o.label}
                </option>
              ))}
            </Select>
          )}
        </Field>
        <Field label="Level">
          {(id) => (
            <Select
              id={id}
              data-testid="subscription-level"
              value={level}
              onChange={(e) => setLevel(e.target.value as Level)}
            >
              {subscriptionLevelSchema.options.map((l) => (
                <option key={l} value={l}>
                  {LEVEL_LABELS[l]}
                </option>
              ))}
            </Select>
          )}
        </Field>
        {isEmail ? (
          <Field label="Delivery" hint="Email channels can gather a rule's alerts into one daily digest.">
            {(id) => (
              <Select id={id} value={mode} onChange={(e) => setMode(e.target.value as Mode)}>
                <option value="immediate">At once</option>
                <option value="digest">Daily digest</option>
              </Select>
            )}
          </Field>
        ) : null}
      </div>
      <div>
        <Button
          type="submit"
          size="sm"
          data-testid="subscription-submit"
          disabled={create.isPending || chosenRef === ''}
        >
          {create.isPending ? 'Subscribing…' : 'Subscribe'}
        </Button>
      </div>
      {create.isError ? (
        <AlertsError error={create.error} title="Could not subscribe" testId="subscription-error" />
      ) : null}
    </form>
  );
}
