import { useEffect, useRef, useState, type FormEvent } from 'react';
import { requestJsonLines, type ListAnswer } from '../../api/client';
import { useApi, useSession } from '../../auth/session-context';
import { bytes } from '../../components/format';
import { Button, Empty, ErrorNote, Field } from '../../components/ui';
import { segment, type ModelPull } from './admin-types';
import { useAction } from './use-action';

/** Pulls started elsewhere (another admin, the config's declared models) are read again this often. */
const POLL_MS = 2000;

const finished = (pull: ModelPull) =>
  pull.status === 'success' || pull.status === 'error' || pull.status === 'cancelled';

/**
 * Pulling a model into the store with its progress. The download belongs to the server: leaving the page stops
 * watching, not downloading, so the page also lists every pull running now and can cancel one (its partial file
 * stays, and pulling the same source again resumes it).
 */
export function PullModel(props: { onStoreChanged: () => void }) {
  const { token } = useSession();
  const api = useApi();
  const [source, setSource] = useState('');
  const [name, setName] = useState('');
  const [sha256, setSha256] = useState('');
  const [pulls, setPulls] = useState<ModelPull[]>([]);
  // One status line: what the pull is doing while it runs, then how it ended.
  const [message, setMessage] = useState('');
  const pulling = useAction();
  const cancelling = useAction();
  // The pull this page streams: its lines are fresher than the list polled beside it.
  const watched = useRef<ModelPull | undefined>(undefined);
  const listedBefore = useRef(new Set<string>());
  const onStoreChanged = useRef(props.onStoreChanged);
  onStoreChanged.current = props.onStoreChanged;

  useEffect(() => {
    let stopped = false;
    const poll = async () => {
      try {
        const listed = (await api<ListAnswer<ModelPull>>('/admin/engine/pulls')).data;
        if (stopped) return;
        // One that was running and is no longer has finished: the store may hold a new model.
        if ([...listedBefore.current].some((id) => !listed.some((pull) => pull.id === id))) onStoreChanged.current();
        listedBefore.current = new Set(listed.map((pull) => pull.id));
        setPulls(() => {
          const mine = watched.current;
          const merged = listed.map((pull) =>
            mine !== undefined && pull.id === mine.id && mine.completed_bytes > pull.completed_bytes ? mine : pull,
          );
          if (mine !== undefined && !finished(mine) && !merged.some((pull) => pull.id === mine.id)) merged.push(mine);
          return merged;
        });
      } catch {
        // The list is a convenience beside the stream; a failed read is tried again at the next tick.
      }
    };
    void poll();
    const timer = setInterval(() => void poll(), POLL_MS);
    return () => {
      stopped = true;
      clearInterval(timer);
    };
  }, [api]);

  const show = (line: ModelPull) => {
    watched.current = line;
    setPulls((previous) =>
      finished(line)
        ? previous.filter((pull) => pull.id !== line.id)
        : previous.some((pull) => pull.id === line.id)
          ? previous.map((pull) => (pull.id === line.id ? line : pull))
          : [...previous, line],
    );
    if (line.status === 'verifying') setMessage(`Checking the sha256 of ${label(line)}…`);
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setMessage(`Pulling ${source.trim()}…`);
    void pulling.run(async () => {
      let last: ModelPull | undefined;
      try {
        await requestJsonLines<ModelPull>(
          '/admin/engine/models/pull',
          {
            method: 'POST',
            token,
            body: {
              source: source.trim(),
              ...(name.trim() === '' ? {} : { name: name.trim() }),
              ...(sha256.trim() === '' ? {} : { sha256: sha256.trim() }),
            },
          },
          (line) => {
            last = line;
            show(line);
          },
        );
      } finally {
        watched.current = undefined;
        setMessage('');
      }
      if (last?.status === 'success' && last.model !== undefined) {
        const model = last.model;
        setMessage(
          `Pulled ${model.name} (${bytes(model.size_bytes)}); sha256 ` +
            (last.sha256_verified === true ? 'verified.' : 'not verified: no checksum was given or advertised.'),
        );
        setSource('');
        setName('');
        setSha256('');
        props.onStoreChanged();
      } else if (last?.status === 'cancelled') {
        setMessage(cancelled(last));
      } else if (last?.status === 'error') {
        throw new Error(last.error?.message ?? `The pull of ${label(last)} failed.`);
      } else {
        throw new Error(
          'The pull stopped without saying how it ended; the list of running pulls shows whether it goes on.',
        );
      }
    });
  };

  const cancel = (pull: ModelPull) =>
    void cancelling.run(async () => {
      const answer = await api<ModelPull>(`/admin/engine/pulls/${segment(pull.id)}`, { method: 'DELETE' });
      setPulls((previous) => previous.filter((running) => running.id !== answer.id));
      if (watched.current?.id !== answer.id) setMessage(cancelled(answer));
    });

  return (
    <section className="card" aria-labelledby="pull-heading">
      <h2 id="pull-heading" className="card-title">
        Pull a model
      </h2>
      <form className="pull-form" onSubmit={submit}>
        <div className="row">
          {[
            {
              label: 'Source',
              hint: 'hf:OWNER/REPO:Q4_K_M, hf:OWNER/REPO/FILE.gguf or an http(s) URL of a .gguf.',
              placeholder: 'hf:Qwen/Qwen2.5-0.5B-Instruct-GGUF:Q4_K_M',
              value: source,
              set: setSource,
            },
            { label: 'Name (optional)', hint: 'Default: the file name without .gguf.', value: name, set: setName },
            {
              label: 'sha256 (optional)',
              hint: "Checked after the download; Hugging Face's own is used otherwise.",
              value: sha256,
              set: setSha256,
            },
          ].map((field) => (
            <Field key={field.label} label={field.label} hint={field.hint}>
              {(id, describedBy) => (
                <input
                  id={id}
                  aria-describedby={describedBy}
                  autoComplete="off"
                  spellCheck={false}
                  placeholder={field.placeholder}
                  value={field.value}
                  onChange={(event) => field.set(event.target.value)}
                />
              )}
            </Field>
          ))}
        </div>
        <Button type="submit" variant="primary" disabled={pulling.busy}>
          {pulling.busy ? 'Pulling…' : 'Pull'}
        </Button>
      </form>
      <p role="status" className="notice">
        {message}
      </p>
      {pulling.error === undefined ? null : <ErrorNote error={pulling.error} />}
      {cancelling.error === undefined ? null : <ErrorNote error={cancelling.error} />}

      <h3>Running pulls</h3>
      {pulls.length === 0 ? (
        <Empty>No pull is running.</Empty>
      ) : (
        <ul className="pulls">
          {pulls.map((pull) => (
            <li key={pull.id}>
              <PullProgress pull={pull} />
              <Button
                disabled={cancelling.busy}
                onClick={() => cancel(pull)}
                aria-label={`Cancel the pull of ${label(pull)}`}
              >
                Cancel
              </Button>
            </li>
          ))}
        </ul>
      )}
      <p className="hint">
        On the server’s machine, <code>hangar models pull SOURCE</code> does the same from a shell.
      </p>
    </section>
  );
}

function cancelled(pull: ModelPull): string {
  return `The pull of ${label(pull)} was cancelled; pulling it again resumes it.`;
}

function label(pull: ModelPull): string {
  return pull.name ?? pull.resolved_source ?? pull.source;
}

function PullProgress(props: { pull: ModelPull }) {
  const { pull } = props;
  const total = pull.total_bytes;
  const share = total === null || total === 0 ? null : Math.min(100, (pull.completed_bytes / total) * 100);
  const state =
    pull.status === 'resolving'
      ? 'finding the file'
      : pull.status === 'verifying'
        ? 'checking the sha256'
        : total === null
          ? `${bytes(pull.completed_bytes)} so far`
          : `${bytes(pull.completed_bytes)} of ${bytes(total)} (${Math.floor(share ?? 0)} %)`;
  return (
    <div className="pull-progress">
      <div>
        <strong>{label(pull)}</strong> <span className="hint">{state}</span>
      </div>
      <div
        className="progress"
        role="progressbar"
        aria-label={`Pull of ${label(pull)}`}
        aria-valuemin={0}
        aria-valuemax={total ?? undefined}
        aria-valuenow={pull.completed_bytes}
        aria-valuetext={state}
      >
        <span style={{ width: `${share ?? 0}%` }} />
      </div>
    </div>
  );
}
