import { forwardRef, useId, type ReactNode } from 'react';
import { cx } from '../../../shared/ui/cx';
import { errorSpan, type FilterProblem } from '../model/filter-problem';

// The textarea and the layer behind it that draws the error must lay text out identically.
const TEXT_BOX =
  'min-h-[2.25rem] w-full rounded-md border px-2.5 py-1.5 font-mono text-[13px] leading-5 whitespace-pre-wrap';

interface FilterFieldProps {
  value: string;
  onChange: (value: string) => void;
  /** Enter: run now instead of after the pause in typing. */
  onSubmit: () => void;
  problem: FilterProblem | null;
  hint?: ReactNode;
}

/**
 * The filter as text, in the screen language. A mistake the server placed (a 0-based position) is underlined in
 * the text itself, by a copy of the text drawn behind the transparent textarea in which only the offending word
 * shows; the message (the column and what was expected there) sits under the field.
 */
export const FilterField = forwardRef<HTMLTextAreaElement, FilterFieldProps>(function FilterField(
  { value, onChange, onSubmit, problem, hint },
  ref,
) {
  const id = useId();
  const messageId = `${id}-problem`;
  const span = problem ? errorSpan(value, problem.position) : null;
  return (
    <div className="flex flex-col gap-1">
      <label htmlFor={id} className="text-xs font-medium text-slate-600">
        Filter <span className="font-normal text-slate-400">(press / to type, Enter to run)</span>
      </label>
      <div className="relative rounded-md bg-white">
        {span ? (
          <div
            aria-hidden
            className={cx(TEXT_BOX, 'pointer-events-none absolute inset-0 border-transparent text-transparent')}
            style={{ overflowWrap: 'anywhere' }}
          >
            {value.slice(0, span.start)}
            <mark
              data-testid="filter-error-mark"
              data-position={problem?.position}
              className="rounded-sm bg-rose-100 text-transparent underline decoration-rose-600 decoration-wavy decoration-2 underline-offset-4"
            >
              {/* A filter that ends too early ("expected a value") marks the place after the last character. */}
              {span.end > span.start ? value.slice(span.start, span.end) : '\u00a0'}
            </mark>
            {value.slice(span.end)}
          </div>
        ) : null}
        <textarea
          id={id}
          ref={ref}
          data-testid="screen-filter"
          value={value}
          rows={1}
          onChange={(e) => onChange(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter' && !e.shiftKey) {
              e.preventDefault();
              onSubmit();
            }
          }}
          spellCheck={false}
          autoCapitalize="off"
          autoCorrect="off"
          placeholder='marketCap between 3e8 and 2e9 and ret3m > 0.15 and sector in ("Technology")'
          aria-invalid={problem ? true : undefined}
          aria-describedby={problem ? messageId : undefined}
          className={cx(
            TEXT_BOX,
            'relative block resize-none overflow-hidden bg-transparent text-slate-900 [field-sizing:content]',
            'focus:border-sky-500 focus:ring-2 focus:ring-sky-500/20 focus:outline-none',
            problem ? 'border-rose-400' : 'border-slate-300',
          )}
          style={{ overflowWrap: 'anywhere' }}
        />
      </div>
      {problem ? (
        <p id={messageId} role="alert" data-testid="filter-error" className="text-xs text-rose-700">
          {problem.message}
        </p>
      ) : hint ? (
        <div className="text-xs text-slate-500">{hint}</div>
      ) : null}
    </div>
  );
});
