import { createHash } from 'node:crypto';
import { createTransport } from 'nodemailer';
import SMTPTransport from 'nodemailer/lib/smtp-transport/index.js';
import type { ChannelSender, ChannelTarget, DeliveryOutcome, Notification } from '../channel';

// Email: one message per notification (or per daily digest), plain text plus HTML from one document model,
// so the two bodies never drift apart. SMTP cannot deduplicate, so a crash between "sent" and "recorded" may
// send twice; a Message-ID derived from the idempotency key lets mail clients and filters fold such repeats.

const SUBJECT_MAX_CHARS = 150;

export interface RenderedEmail {
  subject: string;
  text: string;
  html: string;
}

export interface EmailRenderOptions {
  /** The web app's Alerts page, linked from the footer as the place to change subscriptions. */
  alertsUrl?: string;
}

export interface EmailSenderOptions extends EmailRenderOptions {
  /** smtp://user:pass@host:587 or smtps://...; query parameters pass through to nodemailer. */
  smtpUrl: string;
  /** `MarketLens <alerts@example.com>`. */
  from: string;
  /** For each of connecting, the greeting, DNS, and every later silence on the socket. */
  timeoutMs: number;
}

export interface EmailSender extends ChannelSender<'email'> {
  /** Sends an already rendered email (a digest, a verification link) with the same checks and error mapping. */
  sendRendered(
    address: string,
    email: RenderedEmail,
    idempotencyKey: string,
    signal?: AbortSignal,
  ): Promise<DeliveryOutcome>;
  close(): Promise<void>;
}

// ---------------------------------------------------------------------------------------------------------
// Rendering

interface EmailLink {
  url: string;
  label: string;
}

interface EmailSection {
  title?: string;
  /** Small print under the title: when, and what kind. */
  meta?: string;
  lines: string[];
  link?: EmailLink;
}

interface EmailDocument {
  subject: string;
  heading: string;
  intro?: string;
  sections: EmailSection[];
  footer: string;
  footerLink?: EmailLink;
}

export function renderEmail(notification: Notification, options: EmailRenderOptions = {}): RenderedEmail {
  const link = linkTo(notification.url, 'Open in MarketLens');
  return renderDocument({
    subject: subjectLine(notification.title || 'MarketLens notification'),
    heading: notification.title || 'MarketLens notification',
    sections: [{ lines: notification.lines, ...(link && { link }) }],
    ...subscriptionFooter(options),
  });
}

/** Several notifications in one message; `day` is the digest's date as the user reads it (2026-12-04). */
export function renderDigest(
  notifications: Notification[],
  day: string,
  options: EmailRenderOptions = {},
): RenderedEmail {
  const count = `${notifications.length} notification${notifications.length === 1 ? '' : 's'}`;
  return renderDocument({
    subject: subjectLine(`MarketLens digest: ${count}, ${day}`),
    heading: `MarketLens digest for ${day}`,
    intro: notifications.length === 0 ? 'Nothing happened that you subscribed to.' : `${count}, oldest first.`,
    sections: [...notifications]
      .sort((a, b) => a.createdAt - b.createdAt)
      .map((notification) => {
        const link = linkTo(notification.url, 'Open');
        const time = new Date(notification.createdAt).toISOString().slice(11, 16);
        return {
          title: notification.title,
          meta: `${time} UTC · ${notification.topic}`,
          lines: notification.lines,
          ...(link && { link }),
        };
      }),
    ...subscriptionFooter(options),
  });
}

/** The message that proves an address is its owner's before anything else is sent to it. */
export function renderVerification(link: string): RenderedEmail {
  const confirm = linkTo(link, 'Confirm email address');
  if (!confirm) throw new Error(`verification link must be an absolute http(s) URL, got ${JSON.stringify(link)}`);
  return renderDocument({
    subject: 'Confirm your email address for MarketLens notifications',
    heading: 'Confirm your email address',
    sections: [
      {
        lines: [
          'Someone, hopefully you, asked MarketLens to send notifications to this address.',
          'Nothing else is sent here until you confirm.',
        ],
        link: confirm,
      },
    ],
    footer: 'If you did not ask for this, ignore this email: the address stays unconfirmed and gets nothing more.',
  });
}

function subscriptionFooter(options: EmailRenderOptions): Pick<EmailDocument, 'footer' | 'footerLink'> {
  const footerLink = linkTo(options.alertsUrl, 'Manage notifications');
  return {
    footer: 'You get this email because of a subscription in MarketLens. To change or stop it, open the Alerts page.',
    ...(footerLink && { footerLink }),
  };
}

/** Only absolute http(s) links: a `javascript:` URL in the data must not become a clickable link. */
function linkTo(url: string | undefined, label: string): EmailLink | undefined {
  if (!url) return undefined;
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? { url: parsed.href, label } : undefined;
  } catch {
    return undefined;
  }
}

/** One line of at most SUBJECT_MAX_CHARS (in code points, so no emoji is cut in half). */
function subjectLine(text: string): string {
  const flat = oneLine(text);
  const chars = Array.from(flat);
  return chars.length <= SUBJECT_MAX_CHARS
    ? flat
    : `${chars
        .slice(0, SUBJECT_MAX_CHARS - 1)
        .join('')
        .trimEnd()}…`;
}

/** No CR/LF (header injection) or other control characters: safe as a header value. */
function oneLine(text: string): string {
  return text
    .replace(/[\p{Cc}\u2028\u2029]+/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

function renderDocument(doc: EmailDocument): RenderedEmail {
  return { subject: doc.subject, text: renderText(doc), html: renderHtml(doc) };
}

function renderText(doc: EmailDocument): string {
  const blocks = [doc.heading, doc.intro];
  for (const section of doc.sections) {
    const head = [section.title && `## ${section.title}`, section.meta].filter(Boolean).join('\n');
    const link = section.link && `${section.link.label}: ${section.link.url}`;
    blocks.push([head, ...section.lines, link].filter(Boolean).join('\n'));
  }
  blocks.push(
    ['-- ', doc.footer, doc.footerLink && `${doc.footerLink.label}: ${doc.footerLink.url}`].filter(Boolean).join('\n'),
  );
  return `${blocks.filter(Boolean).join('\n\n')}\n`;
}

const style = {
  body: 'margin:0;padding:0;background:#f4f5f7;',
  card: 'max-width:600px;margin:0 auto;padding:24px;font-family:-apple-system,Segoe UI,Roboto,Helvetica,Arial,sans-serif;color:#1f2328;line-height:1.5;',
  h1: 'font-size:20px;margin:0 0 16px;',
  h2: 'font-size:16px;margin:24px 0 4px;',
  meta: 'font-size:12px;color:#656d76;margin:0 0 8px;',
  line: 'margin:0 0 8px;',
  button:
    'display:inline-block;padding:8px 16px;background:#0969da;color:#ffffff;text-decoration:none;border-radius:6px;',
  footer: 'font-size:12px;color:#656d76;border-top:1px solid #d0d7de;margin-top:32px;padding-top:12px;',
};

function renderHtml(doc: EmailDocument): string {
  const sections = doc.sections.map((section) =>
    [
      section.title && `<h2 style="${style.h2}">${escapeHtml(section.title)}</h2>`,
      section.meta && `<p style="${style.meta}">${escapeHtml(section.meta)}</p>`,
      ...section.lines.map((line) => `<p style="${style.line}">${escapeHtml(line)}</p>`),
      section.link &&
        `<p><a href="${escapeHtml(section.link.url)}" style="${style.button}">${escapeHtml(section.link.label)}</a></p>`,
    ]
      .filter(Boolean)
      .join('\n'),
  );
  const footerLink =
    doc.footerLink && ` <a href="${escapeHtml(doc.footerLink.url)}">${escapeHtml(doc.footerLink.label)}</a>`;
  return [
    '<!doctype html>',
    '<html><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">',
    `<title>${escapeHtml(doc.subject)}</title></head>`,
    `<body style="${style.body}"><div style="${style.card}">`,
    `<h1 style="${style.h1}">${escapeHtml(doc.heading)}</h1>`,
    doc.intro && `<p style="${style.line}">${escapeHtml(doc.intro)}</p>`,
    ...sections,
    `<p style="${style.footer}">${escapeHtml(doc.footer)}${footerLink ?? ''}</p>`,
    '</div></body></html>',
  ]
    .filter(Boolean)
    .join('\n');
}

const htmlEntities: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => htmlEntities[char] ?? char);
}

// ---------------------------------------------------------------------------------------------------------
// Sending

/** One plain address: a list ("a@x, b@y") or a display name would let a target smuggle in more recipients. */
const SINGLE_ADDRESS = /^[^\s@<>,;:"()[\]\\]+@[^\s@<>,;:"()[\]\\]+$/;

interface SmtpError extends Error {
  code?: string;
  responseCode?: number;
  command?: string;
}

export function createEmailSender(options: EmailSenderOptions): EmailSender {
  const t = options.timeoutMs;
  // Built directly: createTransport({ url, ... }) keeps only the URL and drops the rest. Parameters in the URL
  // (?socketTimeout=...) still win over these.
  const transport = createTransport(
    new SMTPTransport({
      url: options.smtpUrl,
      connectionTimeout: t,
      greetingTimeout: t,
      socketTimeout: t,
      dnsTimeout: t,
    }),
  );
  const messageIdDomain = /@([A-Za-z0-9.-]+)>?\s*$/.exec(options.from)?.[1] ?? 'marketlens.invalid';

  async function sendRendered(
    address: string,
    email: RenderedEmail,
    idempotencyKey: string,
    signal?: AbortSignal,
  ): Promise<DeliveryOutcome> {
    if (!SINGLE_ADDRESS.test(address))
      return { status: 'failed', error: `not a single email address: ${JSON.stringify(address)}` };
    // Nodemailer cannot cancel a send in flight; cancelling before the first byte at least never duplicates.
    if (signal?.aborted) return { status: 'retry', error: 'delivery cancelled before sending' };
    try {
      const info = await transport.sendMail({
        from: options.from,
        to: address,
        envelope: { from: options.from, to: [address] },
        subject: subjectLine(email.subject),
        text: email.text,
        html: email.html,
        messageId: `<ml-${createHash('sha256').update(idempotencyKey).digest('hex').slice(0, 40)}@${messageIdDomain}>`,
        headers: {
          'X-MarketLens-Idempotency-Key': oneLine(idempotencyKey),
          // RFC 3834: tells vacation responders and the like not to answer.
          'Auto-Submitted': 'auto-generated',
        },
      });
      return { status: 'sent', detail: info.response };
    } catch (error) {
      return outcomeOfSmtpError(error as SmtpError);
    }
  }

  return {
    kind: 'email',
    send: (target: Extract<ChannelTarget, { kind: 'email' }>, notification, signal) =>
      sendRendered(target.address, renderEmail(notification, options), notification.idempotencyKey, signal),
    sendRendered,
    close: async () => transport.close(),
  };
}

/**
 * `failed` only when the server refused this recipient or this message for good (5xx to RCPT TO or DATA), or
 * nodemailer found the address or message invalid before sending. Everything else (4xx, timeouts, refused
 * connections, bad credentials or sender: a fix on our side lets it through) is retried; the dispatcher's
 * attempt limit bounds that.
 */
function outcomeOfSmtpError(error: SmtpError): DeliveryOutcome {
  const message = `SMTP ${error.command ? `${error.command} ` : ''}error${error.code ? ` ${error.code}` : ''}: ${error.message}`;
  const permanentReply = (error.responseCode ?? 0) >= 500 && (error.command === 'RCPT TO' || error.command === 'DATA');
  const refusedLocally = !error.responseCode && (error.code === 'EENVELOPE' || error.code === 'EMESSAGE');
  return permanentReply || refusedLocally ? { status: 'failed', error: message } : { status: 'retry', error: message };
}
