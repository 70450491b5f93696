import { subscriptionLevelSchema, type Subscription } from '@marketlens/contracts';
import { ConfirmButton } from '../../../shared/ui/confirm-button';
import { Select } from '../../../shared/ui/field';
import { Table, Td, Th } from '../../../shared/ui/table';
import { useDeleteSubscription, useUpdateSubscription } from '../api/subscriptions.api';
import { CHANNEL_KIND_LABELS } from '../model/channel-words';
import { describeSource, LEVEL_LABELS, type SourceChoices } from '../model/subscription-source';
import { AlertsError } from './alerts-error';

type Level = Subscription['level'];

/** Each subscription with its level changed in place and removal. */
export function SubscriptionList({
  subscriptions,
  choices,
}: {
  subscriptions: readonly Subscription[];
  choices: SourceChoices;
}) {
  const update = useUpdateSubscription();
  const remove = useDeleteSubscription();
  return (
    <div className="flex flex-col gap-2">
      {update.isError ? <AlertsError error={update.error} title="Could not change the level" /> : null}
      {remove.isError ? <AlertsError error={remove.error} title="Could not remove the subscription" /> : null}
      <Table aria-label="Subscriptions" data-testid="subscription-list">
        <thead>
          <tr>
            <Th>Channel</Th>
            <Th>Source</Th>
            <Th>Level</Th>
            <Th className="text-right">
              <span className="sr-only">Actions</span>
            </Th>
          </tr>
        </thead>
        <tbody>
          {subscriptions.map((sub) => {
            const what = describeSource(sub.source, sub.ref, choices);
            const where = `${CHANNEL_KIND_LABELS[sub.channel.kind]}: ${sub.channel.label}`;
            return (
              <tr key={sub.id} data-testid="subscription-row" data-source={sub.source} data-level={sub.level}>
                <Td className="text-xs break-words">{where}</Td>
                <Td className="text-xs break-words">
                  {what}
                  {sub.mode === 'digest' ? <span className="text-slate-500"> · daily digest</span> : null}
                </Td>
                <Td>
                  <Select
                    aria-label={`Level of ${what} on ${where}`}
                    data-testid="subscription-row-level"
                    className="w-auto py-1 text-xs"
                    value={sub.level}
                    disabled={update.isPending && update.variables.id === sub.id}
                    onChange={(e) => update.mutate({ id: sub.id, level: e.target.value as Level })}
                  >
                    {subscriptionLevelSchema.options.map((l) => (
                      <option key={l} value={l}>
                        {LEVEL_LABELS[l]}
                      </option>
                    ))}
                  </Select>
                </Td>
                <Td className="text-right">
                  <ConfirmButton
                    label="Remove"
                    ariaLabel={`Remove ${what} on ${where}`}
                    question="Remove?"
                    testId="subscription-remove"
                    disabled={remove.isPending && remove.variables === sub.id}
                    onConfirm={() => remove.mutate(sub.id)}
                  />
                </Td>
              </tr>
            );
          })}
        </tbody>
      </Table>
    </div>
  );
}
