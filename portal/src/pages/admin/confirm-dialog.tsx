import type { ReactNode } from 'react';
import { Button, Dialog, ErrorNote } from '../../components/ui';
import { useAction } from './use-action';

/**
 * Asks before something that cannot be undone. `onConfirm` does the call; the dialog stays open with the API's
 * message when it fails, and the caller closes it when it succeeds.
 */
export function ConfirmDialog(props: {
  title: string;
  confirmLabel: string;
  onCancel: () => void;
  onConfirm: () => Promise<void>;
  children: ReactNode;
}) {
  const action = useAction();
  return (
    <Dialog title={props.title} open onClose={props.onCancel}>
      <div className="confirm-body">{props.children}</div>
      {action.error === undefined ? null : <ErrorNote error={action.error} />}
      <div className="dialog-actions">
        <Button onClick={props.onCancel} autoFocus>
          Cancel
        </Button>
        <Button variant="danger" disabled={action.busy} onClick={() => void action.run(props.onConfirm)}>
          {action.busy ? 'Working…' : props.confirmLabel}
        </Button>
      </div>
    </Dialog>
  );
}
