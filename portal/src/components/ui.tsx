import { useId, useState, type ButtonHTMLAttributes, type ReactNode } from 'react';

export function Button(
  props: ButtonHTMLAttributes<HTMLButtonElement> & { variant?: 'primary' | 'secondary' | 'danger' },
) {
  const { variant = 'secondary', className, ...rest } = props;
  return <button type="button" {...rest} className={`button button-${variant} ${className ?? ''}`.trim()} />;
}

/** A labelled control: the label names it for screen readers and tests, the hint and the error sit under it. */
export function Field(props: {
  label: string;
  hint?: string;
  error?: string | undefined;
  children: (id: string, describedBy: string | undefined) => ReactNode;
}) {
  const id = useId();
  const hintId = `${id}-hint`;
  return (
    <div className="field">
      <label htmlFor={id}>{props.label}</label>
      {props.children(id, props.hint === undefined ? undefined : hintId)}
      {props.hint === undefined ? null : (
        <small id={hintId} className="hint">
          {props.hint}
        </small>
      )}
      {props.error === undefined ? null : (
        <small className="field-error" role="alert">
          {props.error}
        </small>
      )}
    </div>
  );
}

/** A select's choices where each value is also what it shows. */
export function Options(props: { values: readonly string[] }) {
  return props.values.map((value) => (
    <option key={value} value={value}>
      {value}
    </option>
  ));
}

export function Loading(props: { what?: string }) {
  return (
    <p className="loading" role="status">
      Loading{props.what === undefined ? '' : ` ${props.what}`}…
    </p>
  );
}

/** The API's own message, in words; `retry` offers to load again. */
export function ErrorNote(props: { error: Error | string; retry?: () => void }) {
  const message = typeof props.error === 'string' ? props.error : props.error.message;
  return (
    <div className="error-note" role="alert">
      <span>{message}</span>
      {props.retry === undefined ? null : <Button onClick={props.retry}>Try again</Button>}
    </div>
  );
}

export function Empty(props: { children: ReactNode }) {
  return <div className="empty">{props.children}</div>;
}

export function Badge(props: { tone?: 'ok' | 'warn' | 'bad' | 'neutral'; children: ReactNode }) {
  return <span className={`badge badge-${props.tone ?? 'neutral'}`}>{props.children}</span>;
}

export interface Column<Row> {
  header: string;
  cell: (row: Row) => ReactNode;
  /** Right-aligned numbers. */
  numeric?: boolean;
}

export function Table<Row>(props: {
  caption: string;
  rows: readonly Row[];
  columns: readonly Column<Row>[];
  rowKey: (row: Row) => string;
  empty: ReactNode;
}) {
  if (props.rows.length === 0) return <Empty>{props.empty}</Empty>;
  return (
    <div className="table-wrap">
      <table>
        <caption className="visually-hidden">{props.caption}</caption>
        <thead>
          <tr>
            {props.columns.map((column) => (
              <th key={column.header} scope="col" className={column.numeric === true ? 'numeric' : undefined}>
                {column.header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {props.rows.map((row) => (
            <tr key={props.rowKey(row)}>
              {props.columns.map((column) => (
                <td key={column.header} className={column.numeric === true ? 'numeric' : undefined}>
                  {column.cell(row)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function CopyButton(props: { text: string; label?: string }) {
  const [copied, setCopied] = useState(false);
  return (
    <Button
      onClick={() => {
        void navigator.clipboard?.writeText(props.text).then(() => setCopied(true));
      }}
      aria-label={props.label ?? 'Copy to the clipboard'}
    >
      {copied ? 'Copied' : 'Copy'}
    </Button>
  );
}

export function PageHeader(props: { title: string; children?: ReactNode }) {
  return (
    <header className="page-header">
      <h1>{props.title}</h1>
      {props.children === undefined ? null : <div className="page-actions">{props.children}</div>}
    </header>
  );
}

/** A modal dialog (native <dialog>): Escape closes it, focus stays inside. */
export function Dialog(props: { title: string; open: boolean; onClose: () => void; children: ReactNode }) {
  if (!props.open) return null;
  return (
    <dialog
      open
      className="dialog"
      aria-modal="true"
      aria-label={props.title}
      onKeyDown={(event) => {
        if (event.key === 'Escape') props.onClose();
      }}
    >
      <div className="dialog-head">
        <h2>{props.title}</h2>
        <Button onClick={props.onClose} aria-label="Close">
          ×
        </Button>
      </div>
      {props.children}
    </dialog>
  );
}
