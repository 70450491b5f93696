import { useId, type ReactNode } from 'react';
import { cx } from '../../../shared/ui/cx';
import type { RuleField as RuleFieldName } from '../model/strategy-form';
import { ruleErrorSpan, type RuleProblem } from '../model/strategy-problems';

// The textarea and the layer behind it that draws the error must lay text out identically.
const TEXT_BOX =
  'min-h-[3.25rem] w-full rounded-md border px-2.5 py-1.5 font-mono text-[13px] leading-5 whitespace-pre-wrap';

interface RuleFieldProps {
  field: RuleFieldName;
  label: string;
  value: string;
  onChange: (value: string) => void;
  problem?: RuleProblem;
  readOnly?: boolean;
  hint?: ReactNode;
  placeholder?: string;
}

/**
 * A rule in the strategy language. A problem the compiler placed (a 0-based column) is underlined in the text
 * itself, by a copy of the text drawn behind the transparent textarea in which only the offending word is
 * visible; the compiler's message (which names the column and what it expected) sits under the field.
 */
export function RuleField({ field, label, value, onChange, problem, readOnly, hint, placeholder }: RuleFieldProps) {
  const id = useId();
  const messageId = `${id}-problem`;
  const span = problem?.position === undefined ? null : ruleErrorSpan(value, problem.position);
  return (
    <div className="flex flex-col gap-1">
      <label htmlFor={id} className="text-xs font-medium text-slate-600">
        {label}
      </label>
      <div className="relative rounded-md bg-white">
        {span ? (
          <div
            aria-hidden
            className={cx(TEXT_BOX, 'pointer-events-none absolute inset-0 border-transparent text-transparent')}
            style={{ overflowWrap: 'break-word' }}
          >
            {value.slice(0, span.start)}
            <mark
              data-testid={`rule-error-mark-${field}`}
              data-position={problem?.position}
              className="rounded-sm bg-rose-100 text-transparent underline decoration-rose-600 decoration-wavy decoration-2 underline-offset-4"
            >
              {/* An error at the end of the rule ("expected ')'") marks the place after the last character. */}
              {span.end > span.start ? value.slice(span.start, span.end) : '\u00a0'}
            </mark>
            {value.slice(span.end)}
          </div>
        ) : null}
        <textarea
          id={id}
          data-testid={`strategy-${field}`}
          value={value}
          onChange={(e) => onChange(e.target.value)}
          readOnly={readOnly}
          spellCheck={false}
          autoCapitalize="off"
          autoCorrect="off"
          placeholder={placeholder}
          aria-invalid={problem ? true : undefined}
          aria-describedby={problem ? messageId : undefined}
          className={cx(
            TEXT_BOX,
            'relative block resize-none overflow-hidden bg-transparent text-slate-900 [field-sizing:content]',
            'focus:border-sky-500 focus:ring-2 focus:ring-sky-500/20 focus:outline-none read-only:bg-slate-50/60',
            problem ? 'border-rose-400' : 'border-slate-300',
          )}
          style={{ overflowWrap: 'break-word' }}
        />
      </div>
      {problem ? (
        <p id={messageId} role="alert" data-testid={`rule-error-${field}`} className="text-xs text-rose-700">
          {problem.message}
        </p>
      ) : hint ? (
        <p className="text-xs text-slate-500">{hint}</p>
      ) : null}
    </div>
  );
}
