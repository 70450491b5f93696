import { ApiError, errorMessage } from '../../../shared/api/api-error';
import { describeFieldProblem, validationProblems } from '../../../shared/api/validation-words';

/** The Alerts page's labels for the request fields the server may object to. */
export const ALERTS_FIELD_LABELS: Readonly<Record<string, string>> = {
  address: 'Email address',
  url: 'Webhook URL',
  label: 'Label',
  channelId: 'Channel',
  source: 'Source',
  ref: 'Source',
  level: 'Level',
  mode: 'Mode',
  name: 'Name',
  kind: 'Kind',
  symbol: 'Symbol',
  timeframe: 'Timeframe',
  cooldownMinutes: 'Cooldown (minutes)',
};

/**
 * What to say for the refusals a user can meet on this page: the setting that is missing, or what to do
 * instead. The server's own message follows as a detail where it adds the reason.
 */
const FRIENDLY: Readonly<Record<string, { message: string; withReason: boolean }>> = {
  TELEGRAM_NOT_CONFIGURED: {
    message: 'Telegram is not set up on this server. An admin sets MARKETLENS_TELEGRAM__BOT_TOKEN to link chats.',
    withReason: false,
  },
  TELEGRAM_UNAVAILABLE: {
    message: 'Telegram could not be reached to look up the bot. Try again in a moment.',
    withReason: true,
  },
  EMAIL_NOT_CONFIGURED: {
    message:
      'Email is not set up on this server, so addresses cannot be verified. An admin sets MARKETLENS_EMAIL__SMTP_URL.',
    withReason: false,
  },
  EMAIL_SEND_FAILED: {
    message: 'The verification email could not be sent, so the address was not added.',
    withReason: true,
  },
  WEBHOOK_URL_REFUSED: {
    message:
      'This webhook URL is not allowed. Use a public http(s) address; private and loopback targets need an admin to allow them.',
    withReason: true,
  },
  CHANNEL_EXISTS: { message: 'You already have this channel.', withReason: true },
  CHANNEL_NOT_VERIFIED: {
    message: 'This channel is not verified yet: follow the link in the verification email first.',
    withReason: false,
  },
  CHANNEL_NOT_FOUND: { message: 'This channel no longer exists; it may have been removed.', withReason: false },
  SUBSCRIPTION_EXISTS: {
    message: 'This channel already has a subscription to that source; change its level in the list instead.',
    withReason: false,
  },
  DIGEST_EMAIL_ONLY: { message: 'Daily digests go to email channels only.', withReason: false },
  STRATEGY_NOT_FOUND: { message: 'That strategy no longer exists.', withReason: false },
  INSTRUMENT_NOT_FOUND: { message: 'That instrument is not known to the server.', withReason: true },
  DELIVERY_NOT_DEAD: {
    message: 'This delivery is not dead-lettered any more (it may have been retried already).',
    withReason: false,
  },
  UNKNOWN_ALERT_KIND: { message: 'The server does not know this kind of alert rule.', withReason: true },
};

const sentence = (text: string) => {
  const capital = text.charAt(0).toUpperCase() + text.slice(1);
  return /[.!?]$/.test(capital) ? capital : `${capital}.`;
};

/** INVALID_ALERT_PARAMS names each field as `params.<name>`; the editor labels them. */
function paramProblems(details: unknown, labels: Readonly<Record<string, string>>): string[] {
  const issues = (details as { issues?: unknown } | null)?.issues;
  if (!Array.isArray(issues)) return [];
  return issues.flatMap((issue: unknown) => {
    const { path, message } = (issue ?? {}) as { path?: unknown; message?: unknown };
    if (typeof message !== 'string') return [];
    const name = typeof path === 'string' ? path.replace(/^params\.?/, '') : '';
    return [describeFieldProblem(labels[name] ?? (name || 'The condition'), message)];
  });
}

/**
 * An API refusal in words: a friendly sentence for the codes a user can meet here, each invalid field by
 * the form's label, else the server's own message as a sentence. `paramLabels` names a rule's params.
 */
export function describeAlertsError(
  error: unknown,
  paramLabels: Readonly<Record<string, string>> = {},
): { message: string; details: string[] } {
  if (!(error instanceof ApiError)) return { message: errorMessage(error), details: [] };
  const friendly = FRIENDLY[error.code];
  if (friendly) {
    return { message: friendly.message, details: friendly.withReason ? [sentence(error.message)] : [] };
  }
  if (error.code === 'INVALID_ALERT_PARAMS') {
    const [first, ...rest] = paramProblems(error.details, paramLabels);
    if (first) return { message: first, details: rest };
  }
  const [first, ...rest] = validationProblems(error, ALERTS_FIELD_LABELS);
  if (first) return { message: first, details: rest };
  return { message: sentence(error.message), details: [] };
}
