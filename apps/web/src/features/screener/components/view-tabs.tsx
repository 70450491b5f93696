import { cx } from '../../../shared/ui/cx';
import { SCREEN_VIEWS, VIEW_LABELS, type ScreenView } from '../model/screen-view';

/** The column sets of the table, as Finviz has them. */
export function ViewTabs({ view, onChange }: { view: ScreenView; onChange: (view: ScreenView) => void }) {
  return (
    <div
      role="radiogroup"
      aria-label="Columns"
      className="inline-flex rounded-md border border-slate-300 bg-white p-0.5"
    >
      {SCREEN_VIEWS.map((v) => (
        <button
          key={v}
          type="button"
          role="radio"
          aria-checked={v === view}
          data-testid={`view-${v}`}
          onClick={() => onChange(v)}
          className={cx(
            'rounded px-2.5 py-1 text-xs font-medium focus-visible:outline-2 focus-visible:outline-sky-500',
            v === view ? 'bg-slate-900 text-white' : 'text-slate-600 hover:bg-slate-100',
          )}
        >
          {VIEW_LABELS[v]}
        </button>
      ))}
    </div>
  );
}
