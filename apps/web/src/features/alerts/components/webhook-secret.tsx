import { useState } from 'react';
import { Button } from '../../../shared/ui/button';

/** A new webhook's signing secret: the only time it leaves the server, so say so and make copying easy. */
export function WebhookSecret({ url, secret, onDismiss }: { url: string; secret: string; onDismiss: () => void }) {
  const [copied, setCopied] = useState<'yes' | 'failed' | null>(null);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(secret);
      setCopied('yes');
    } catch {
      setCopied('failed');
    }
  };
  return (
    <div role="status" data-testid="webhook-secret" className="rounded-md border border-amber-300 bg-amber-50 p-3">
      <p className="text-sm font-semibold text-amber-900">Webhook added</p>
      <p className="mb-2 text-sm break-words text-amber-800">
        Requests to {url} are signed with this secret (<code className="font-mono text-xs">X-MarketLens-Signature</code>
        ). Copy it now: <strong>you will not see this again</strong>. If you lose it, delete the webhook and add it
        anew.
      </p>
      <div className="flex flex-wrap items-center gap-2">
        <code
          data-testid="webhook-secret-value"
          aria-label="Webhook signing secret"
          className="min-w-0 flex-1 rounded bg-white px-2 py-1.5 font-mono text-xs break-all ring-1 ring-amber-200 select-all"
        >
          {secret}
        </code>
        <Button size="sm" onClick={() => void copy()}>
          {copied === 'yes' ? 'Copied' : 'Copy'}
        </Button>
        <Button size="sm" variant="secondary" data-testid="webhook-secret-done" onClick={onDismiss}>
          Done
        </Button>
      </div>
      {copied === 'failed' ? (
        <p className="mt-1 text-xs text-rose-700">
          The browser blocked copying; select the secret and copy it by hand.
        </p>
      ) : null}
    </div>
  );
}
