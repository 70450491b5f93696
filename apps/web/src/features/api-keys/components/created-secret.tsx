import { useState } from 'react';
import { Button } from '../../../shared/ui/button';

/** The only moment the secret exists in clear outside the caller's hands: say so, and make copying easy. */
export function CreatedSecret({ name, secret, onDismiss }: { name: string; secret: string; onDismiss: () => void }) {
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
    <div role="status" data-testid="api-key-secret" className="rounded-md border border-amber-300 bg-amber-50 p-3">
      <p className="text-sm font-semibold text-amber-900">API key “{name}” created</p>
      <p className="mb-2 text-sm text-amber-800">
        Copy the secret now. It is shown only once and cannot be recovered; if you lose it, revoke the key and create a
        new one.
      </p>
      <div className="flex items-center gap-2">
        <code
          data-testid="api-key-secret-value"
          className="min-w-0 flex-1 truncate rounded bg-white px-2 py-1.5 font-mono text-xs ring-1 ring-amber-200 select-all"
        >
          {secret}
        </code>
        <Button size="sm" onClick={() => void copy()}>
          {copied === 'yes' ? 'Copied' : 'Copy'}
        </Button>
        <Button size="sm" variant="secondary" onClick={onDismiss}>
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
