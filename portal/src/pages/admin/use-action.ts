import { useCallback, useState } from 'react';

export interface Action {
  busy: boolean;
  error: Error | undefined;
  /** Runs `work` once at a time; an error is kept to show (the API's message) and the answer is false. */
  run: (work: () => Promise<void>) => Promise<boolean>;
  clear: () => void;
}

/** A button's call to the API: busy while it runs (so it cannot be sent twice), then its error, if any. */
export function useAction(): Action {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<Error | undefined>(undefined);
  const run = useCallback(async (work: () => Promise<void>) => {
    setBusy(true);
    setError(undefined);
    try {
      await work();
      return true;
    } catch (caught) {
      setError(caught instanceof Error ? caught : new Error(String(caught)));
      return false;
    } finally {
      setBusy(false);
    }
  }, []);
  const clear = useCallback(() => setError(undefined), []);
  return { busy, error, run, clear };
}
