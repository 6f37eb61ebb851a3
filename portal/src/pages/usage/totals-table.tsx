import type { ReactNode } from 'react';

export interface TotalsColumn<Row> {
  header: string;
  cell: (row: Row) => ReactNode;
  /** The column's figure in the totals row; absent: the cell stays blank. */
  total?: ReactNode;
  numeric?: boolean;
}

/**
 * The numbers a chart draws, as a table screen readers and keyboards can read, with a totals row in <tfoot>.
 * The first column's header cells name each row.
 */
export function TotalsTable<Row>(props: {
  caption: string;
  rows: readonly Row[];
  columns: readonly TotalsColumn<Row>[];
  rowKey: (row: Row) => string;
  totalLabel?: string;
}) {
  const className = (column: TotalsColumn<Row>) => (column.numeric === true ? 'numeric' : undefined);
  return (
    <div className="table-wrap">
      <table>
        <caption className="visually-hidden">{props.caption}</caption>
        <thead>
          <tr>
            {props.columns.map((column) => (
              <th key={column.header} scope="col" className={className(column)}>
                {column.header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {props.rows.map((row) => (
            <tr key={props.rowKey(row)}>
              {props.columns.map((column, index) =>
                index === 0 ? (
                  <th key={column.header} scope="row" className={className(column)}>
                    {column.cell(row)}
                  </th>
                ) : (
                  <td key={column.header} className={className(column)}>
                    {column.cell(row)}
                  </td>
                ),
              )}
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr className="totals-row">
            {props.columns.map((column, index) =>
              index === 0 ? (
                <th key={column.header} scope="row">
                  {props.totalLabel ?? 'Total'}
                </th>
              ) : (
                <td key={column.header} className={className(column)}>
                  {column.total ?? ''}
                </td>
              ),
            )}
          </tr>
        </tfoot>
      </table>
    </div>
  );
}
