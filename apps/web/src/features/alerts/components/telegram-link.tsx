import type { NotificationChannel, TelegramLinkCode } from '@marketlens/contracts';
import { formatDateTime } from '../../../shared/format/format';
import { Button } from '../../../shared/ui/button';
import { Loading, Spinner } from '../../../shared/ui/states';
import { useChannels } from '../api/channels.api';
import { useNow } from '../hooks/use-now';
import { channelTarget } from '../model/channel-words';
import { formatCountdown, remainingMs } from '../model/link-countdown';
import { AlertsError } from './alerts-error';

/** The first Telegram channel that was not there when the code was made: the chat the bot just linked. */
function newlyLinked(channels: readonly NotificationChannel[], before: ReadonlySet<string> | null) {
  if (!before) return undefined;
  return channels.find((c) => c.kind === 'telegram' && !before.has(c.id));
}

interface TelegramLinkProps {
  /** The code on screen, once the server gave one. */
  code: TelegramLinkCode | undefined;
  /** The Telegram channels there were when the code was asked for. */
  before: ReadonlySet<string> | null;
  pending: boolean;
  error: unknown;
  onNewCode: () => void;
  onClose: () => void;
}

/**
 * Linking a chat: a one-time code, the bot's t.me link and a countdown to its expiry; the channel list is
 * asked again every moment until the bot reports the chat (it appears there) or the code runs out.
 */
export function TelegramLink({ code, before, pending, error, onNewCode, onClose }: TelegramLinkProps) {
  const now = useNow(1000, code !== undefined);
  const remaining = code ? remainingMs(code.expiresAt, now) : 0;
  const channels = useChannels(
    (list) => code !== undefined && remainingMs(code.expiresAt, Date.now()) > 0 && !newlyLinked(list, before),
  );
  const linked = newlyLinked(channels.data?.channels ?? [], before);

  return (
    <div data-testid="telegram-link" className="flex flex-col gap-3 rounded-md border border-sky-200 bg-sky-50/60 p-3">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <p className="text-sm font-semibold text-slate-800">Link a Telegram chat</p>
        <Button size="sm" variant="ghost" onClick={onClose}>
          Close
        </Button>
      </div>
      {linked ? (
        <p role="status" data-testid="telegram-linked" className="text-sm text-emerald-800">
          Linked {channelTarget(linked)}. It is listed with your channels; subscribe it to something below.
        </p>
      ) : code && remaining > 0 ? (
        <div className="flex flex-col gap-2 text-sm text-slate-700">
          <p>
            Open this link in Telegram and press <strong>Start</strong>, or send{' '}
            <code className="font-mono text-xs">/start {code.code}</code> to the bot.
          </p>
          <p className="flex flex-wrap items-center gap-2">
            <span className="text-xs text-slate-500">Code</span>
            <code
              data-testid="telegram-link-code"
              className="rounded bg-white px-2 py-1 font-mono text-sm ring-1 ring-sky-200 select-all"
            >
              {code.code}
            </code>
          </p>
          <a
            href={code.link}
            target="_blank"
            rel="noreferrer"
            data-testid="telegram-link-url"
            className="break-all text-sky-700 underline hover:no-underline"
          >
            {code.link}
          </a>
          <p className="flex items-center gap-2 text-xs text-slate-600">
            <Spinner className="size-3" />
            <span>
              Waiting for the chat… the code expires in{' '}
              <span data-testid="telegram-link-countdown" className="font-mono font-semibold">
                {formatCountdown(remaining)}
              </span>{' '}
              (at {formatDateTime(code.expiresAt)}) and works once.
            </span>
          </p>
        </div>
      ) : pending ? (
        <Loading label="Getting a link code…" />
      ) : (
        <div className="flex flex-col items-start gap-2 text-sm text-slate-700">
          {code ? (
            <p role="status" className="text-amber-800">
              The code expired before a chat used it.
            </p>
          ) : null}
          <Button size="sm" data-testid="telegram-link-retry" onClick={onNewCode}>
            Get a new code
          </Button>
        </div>
      )}
      {error ? <AlertsError error={error} title="Could not get a link code" testId="telegram-link-error" /> : null}
    </div>
  );
}
