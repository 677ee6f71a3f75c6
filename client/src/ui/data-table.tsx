// Tables of records (members, join requests, the audit log). A caption names the table and column
// headers name the cells. On narrow screens each row becomes a block and every cell shows its
// column's name before the value (hidden from screen readers, which have the header already); the
// explicit roles keep the table a table for browsers that drop its semantics once it is restyled.
import type { ReactNode } from 'react';

export function DataTable({
  caption,
  captionHidden = false,
  columns,
  children,
  className,
}: {
  caption: string;
  /** When the section heading just above already says the same. */
  captionHidden?: boolean;
  columns: string[];
  children: ReactNode;
  className?: string;
}) {
  return (
    <table className={`data-table${className ? ` ${className}` : ''}`} role="table">
      <caption className={captionHidden ? 'visually-hidden' : undefined}>{caption}</caption>
      <thead role="rowgroup">
        <tr role="row">
          {columns.map((column) => (
            <th key={column} role="columnheader" scope="col">
              {column}
            </th>
          ))}
        </tr>
      </thead>
      <tbody role="rowgroup">{children}</tbody>
    </table>
  );
}

/** `focusable`: the page may move focus to this row (e.g. the first of a newly loaded page). */
export function Row({ children, id, focusable = false }: { children: ReactNode; id?: string; focusable?: boolean }) {
  return (
    <tr role="row" id={id} tabIndex={focusable ? -1 : undefined}>
      {children}
    </tr>
  );
}

/** One cell; `label` is its column's name, shown in front of the value on narrow screens. */
export function Cell({ label, children, rowHeader = false, className }: { label: string; children: ReactNode; rowHeader?: boolean; className?: string }) {
  const content = (
    <>
      <span className="cell-label" aria-hidden="true">
        {label}
      </span>
      <span className="cell-value">{children}</span>
    </>
  );
  return rowHeader ? (
    <th role="rowheader" scope="row" className={className}>
      {content}
    </th>
  ) : (
    <td role="cell" className={className}>
      {content}
    </td>
  );
}
