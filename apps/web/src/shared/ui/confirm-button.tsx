import { useState } from 'react';
import { Button } from './button';

interface ConfirmButtonProps {
  /** The button's text ("Delete"). */
  label: string;
  /** Its accessible name, naming the thing ("Delete channel @ana"). */
  ariaLabel: string;
  /** Asked in place before anything happens. */
  question: string;
  onConfirm: () => void;
  disabled?: boolean;
  testId?: string;
}

/** A destructive action asked about in place (a browser dialog would block the page and its tests). */
export function ConfirmButton({ label, ariaLabel, question, onConfirm, disabled, testId }: ConfirmButtonProps) {
  const [asking, setAsking] = useState(false);
  if (!asking) {
    return (
      <Button
        size="sm"
        variant="danger"
        aria-label={ariaLabel}
        data-testid={testId}
        disabled={disabled}
        onClick={() => setAsking(true)}
      >
        {label}
      </Button>
    );
  }
  return (
    <span role="group" aria-label={question} className="inline-flex flex-wrap items-center justify-end gap-1.5">
      <span className="text-xs text-rose-800">{question}</span>
      <Button
        size="sm"
        variant="danger"
        data-testid={testId ? `${testId}-confirm` : undefined}
        onClick={() => {
          setAsking(false);
          onConfirm();
        }}
      >
        Yes, {label.toLowerCase()}
      </Button>
      <Button size="sm" variant="ghost" onClick={() => setAsking(false)}>
        Cancel
      </Button>
    </span>
  );
}
