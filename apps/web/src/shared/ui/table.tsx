import type { HTMLAttributes, ReactNode, TdHTMLAttributes, ThHTMLAttributes } from 'react';
import { cx } from './cx';

interface TableProps extends HTMLAttributes<HTMLTableElement> {
  /** Classes of the scrolling box around the table, e.g. a max height for a long list with a sticky header. */
  containerClassName?: string;
}

export function Table({ children, className, containerClassName, ...props }: TableProps) {
  return (
    <div className={cx('overflow-x-auto', containerClassName)}>
      <table className={cx('w-full border-collapse text-left text-sm', className)} {...props}>
        {children}
      </table>
    </div>
  );
}

export function Th({ className, ...props }: ThHTMLAttributes<HTMLTableCellElement>) {
  return (
    <th
      scope="col"
      className={cx(
        'border-b border-slate-200 bg-slate-50 px-3 py-2 text-[11px] font-semibold tracking-wider whitespace-nowrap text-slate-500 uppercase',
        className,
      )}
      {...props}
    />
  );
}

export function Td({ className, ...props }: TdHTMLAttributes<HTMLTableCellElement>) {
  return <td className={cx('border-b border-slate-100 px-3 py-2 align-middle', className)} {...props} />;
}

export function NumTd({ children, className }: { children: ReactNode; className?: string }) {
  return (
    <Td className={cx('text-right font-mono text-[13px] whitespace-nowrap tabular-nums', className)}>{children}</Td>
  );
}
