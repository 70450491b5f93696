import { useEffect, useState } from 'react';
import { Button } from '../../../shared/ui/button';

/** Copies a value to the clipboard and says so for a moment (or that the browser refused). */
export function CopyButton({ value, label }: { value: string; label: string }) {
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle');
  useEffect(() => {
    if (state === 'idle') return;
    const timer = setTimeout(() => setState('idle'), 2000);
    return () => clearTimeout(timer);
  }, [state]);
  const copy = async () => {
    try {
      // Undefined outside a secure context (plain http on a LAN address): that throws here too.
      await navigator.clipboard.writeText(value);
      setState('copied');
    } catch {
      setState('failed');
    }
  };
  return (
    <Button size="sm" variant="ghost" aria-label={label} data-testid="copy-address" onClick={() => void copy()}>
      {state === 'copied' ? 'Copied' : state === 'failed' ? 'Copy failed' : 'Copy'}
    </Button>
  );
}
