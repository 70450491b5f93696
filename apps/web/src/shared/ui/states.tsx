import type { ReactNode } from 'react';
import { errorMessage } from '../api/api-error';
import { cx } from './cx';

export function Spinner({ className }: { className?: string }) {
  return (
    <span
      aria-hidden
      className={cx(
        'inline-block size-4 animate-spin rounded-full border-2 border-slate-300 border-t-slate-700',
        className,
      )}
    />
  );
}

export function Loading({ label = 'Loading…' }: { label?: string }) {
  return (
    <div role="status" className="flex items-center gap-2 px-1 py-6 text-sm text-slate-500">
      <Spinner />
      {label}
    </div>
  );
}

export function EmptyState({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <div className="rounded-md border border-dashed border-slate-300 px-4 py-8 text-center">
      <p className="text-sm font-medium text-slate-700">{title}</p>
      {children ? <div className="mt-1 text-sm text-slate-500">{children}</div> : null}
    </div>
  );
}

interface ErrorNoticeProps {
  error: unknown;
  title?: string;
  onRetry?: () => void;
  testId?: string;
}

/** An error in words: the API's message, never a stack or a raw body. */
export function ErrorNotice({ error, title, onRetry, testId }: ErrorNoticeProps) {
  return (
    <div
      role="alert"
      data-testid={testId}
      className="rounded-md border border-rose-200 bg-rose-50 px-3 py-2.5 text-sm text-rose-800"
    >
      {title ? <p className="font-semibold">{title}</p> : null}
      <p>{errorMessage(error)}</p>
      {onRetry ? (
        <button type="button" onClick={onRetry} className="mt-1 text-xs font-semibold underline hover:no-underline">
          Try again
        </button>
      ) : null}
    </div>
  );
}
