import { useState } from 'react';
import { useSession } from '../../auth/session-context';
import { Button, ErrorNote } from '../../components/ui';
import { downloadFile } from './download-file';

/** A button that downloads a file the API serves (see downloadFile), saying so while it runs or if it fails. */
export function DownloadButton(props: { path: string; fileName: string; label: string; description?: string }) {
  const { token } = useSession();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<Error | undefined>(undefined);
  return (
    <span className="download">
      <Button
        aria-label={props.description}
        disabled={busy}
        onClick={() => {
          setBusy(true);
          setError(undefined);
          downloadFile(props.path, token, props.fileName)
            .catch((failure: unknown) => setError(failure instanceof Error ? failure : new Error(String(failure))))
            .finally(() => setBusy(false));
        }}
      >
        {busy ? 'Downloading…' : props.label}
      </Button>
      {error === undefined ? null : <ErrorNote error={error} />}
    </span>
  );
}
