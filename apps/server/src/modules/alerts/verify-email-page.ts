import type { EmailVerificationOutcome } from './email-verification.service';

// The page a verification link opens: plain words, no script, nothing taken from the request.

const PAGES: Record<EmailVerificationOutcome, { heading: string; text: string }> = {
  verified: {
    heading: 'Email address verified',
    text: 'MarketLens can now send notifications to this address. You can close this page.',
  },
  expired: {
    heading: 'This link has expired',
    text: 'Verification links work for 24 hours. Add the address again on the Alerts page to get a new link.',
  },
  unknown: {
    heading: 'This link is unknown or was already used',
    text: 'Each verification link works once. If the address is not verified yet, add it again on the Alerts page.',
  },
};

export function verifyEmailPage(outcome: EmailVerificationOutcome): string {
  const { heading, text } = PAGES[outcome];
  return [
    '<!doctype html>',
    '<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">',
    `<title>${heading} - MarketLens</title></head>`,
    '<body style="font-family:system-ui,sans-serif;max-width:40rem;margin:4rem auto;padding:0 1rem;line-height:1.5">',
    `<h1>${heading}</h1>`,
    `<p>${text}</p>`,
    '</body></html>',
  ].join('\n');
}
