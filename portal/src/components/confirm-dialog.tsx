import { useState, type ReactNode } from 'react';
import { Button, Dialog, ErrorNote } from './ui';

/**
 * Asks before an action that cannot be taken back; stays open with the API's message when the action fails, so
 * the person can read why and cancel.
 */
export function ConfirmDialog(props: {
  title: string;
  confirmLabel: string;
  danger?: boolean;
  onConfirm: () => Promise<void>;
  onClose: () => void;
  children: ReactNode;
}) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<Error | null>(null);
  return (
    <Dialog title={props.title} open onClose={props.onClose}>
      <div className="confirm-body">{props.children}</div>
      {error === null ? null : <ErrorNote error={error} />}
      <div className="row dialog-actions">
        {/* Focus starts on Cancel, so a stray Enter does not confirm. */}
        <Button onClick={props.onClose} disabled={busy} autoFocus>
          Cancel
        </Button>
        <Button
          variant={props.danger === true ? 'danger' : 'primary'}
          disabled={busy}
          onClick={() => {
            setBusy(true);
            setError(null);
            props.onConfirm().then(
              () => setBusy(false),
              (failure: unknown) => {
                setBusy(false);
                setError(failure instanceof Error ? failure : new Error(String(failure)));
              },
            );
          }}
        >
          {busy ? 'Working…' : props.confirmLabel}
        </Button>
      </div>
    </Dialog>
  );
}
