import { useState } from 'react';
import { Button } from '../../../shared/ui/button';
import { Panel } from '../../../shared/ui/panel';
import { EmptyState, ErrorNotice, Loading } from '../../../shared/ui/states';
import { useChannels, useTelegramLinkCode } from '../api/channels.api';
import { telegramChannelIds } from '../model/channel-words';
import { AddChannelForm } from './add-channel-form';
import { ChannelList } from './channel-list';
import { TelegramLink } from './telegram-link';

type Adding = 'telegram' | 'email' | 'webhook' | null;

/** Where the caller is reached: the channel list and the three ways to add one. */
export function ChannelsSection() {
  const channels = useChannels();
  const linkCode = useTelegramLinkCode();
  const [adding, setAdding] = useState<Adding>(null);
  const [before, setBefore] = useState<ReadonlySet<string> | null>(null);
  const list = channels.data?.channels;

  const linkTelegram = () => {
    // What is there now, so the chat the bot links next can be told apart.
    setBefore(telegramChannelIds(list ?? []));
    setAdding('telegram');
    linkCode.mutate();
  };
  const close = () => {
    setAdding(null);
    linkCode.reset();
  };

  return (
    <Panel
      title="Channels"
      actions={
        <>
          <Button size="sm" data-testid="channel-link-telegram" disabled={!list} onClick={linkTelegram}>
            Link Telegram
          </Button>
          <Button size="sm" variant="secondary" data-testid="channel-add-email" onClick={() => setAdding('email')}>
            Add email
          </Button>
          <Button size="sm" variant="secondary" data-testid="channel-add-webhook" onClick={() => setAdding('webhook')}>
            Add webhook
          </Button>
        </>
      }
    >
      <div className="flex flex-col gap-3">
        {adding === 'telegram' ? (
          <TelegramLink
            code={linkCode.data}
            before={before}
            pending={linkCode.isPending}
            error={linkCode.error}
            onNewCode={linkTelegram}
            onClose={close}
          />
        ) : adding ? (
          <AddChannelForm key={adding} kind={adding} onClose={close} />
        ) : null}
        {channels.isPending ? (
          <Loading label="Loading channels…" />
        ) : channels.isError ? (
          <ErrorNotice error={channels.error} onRetry={() => void channels.refetch()} />
        ) : channels.data.channels.length === 0 ? (
          <EmptyState title="No channels yet">
            Link a Telegram chat, add an email address or a webhook to be notified.
          </EmptyState>
        ) : (
          <ChannelList channels={channels.data.channels} />
        )}
      </div>
    </Panel>
  );
}
