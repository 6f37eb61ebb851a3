import { useEffect, useState } from 'react';
import { useApi, useSession } from '../../auth/session-context';
import { bytes, count, dateTime, milliseconds } from '../../components/format';
import { Badge, Button, ErrorNote, Loading, PageHeader, Table } from '../../components/ui';
import { useLoad } from '../../components/use-load';
import type { ListAnswer } from '../../api/client';
import { segment, type Engine, type LoadedModel, type LocalModel, type UnloadedModel } from './admin-types';
import { PlatformAdminsOnly } from './platform-admins-only';
import { PullModel } from './pull-model';
import { useAction } from './use-action';

/** Slots, queues and keep-alive change by themselves: the page reads the engine again this often. */
const REFRESH_MS = 5000;

function parameterCount(value: number | null): string {
  if (value === null) return '—';
  return value >= 1e9 ? `${(value / 1e9).toFixed(1)} B` : `${Math.round(value / 1e6)} M`;
}

/** Platform admins: the in-process engine, its model store, and the models in memory (as `ollama ps`). */
export function AdminModelsPage() {
  const session = useSession();
  const api = useApi();
  const engine = useLoad((signal) => api<Engine>('/admin/engine', { signal }), []);
  const store = useLoad(
    (signal) => api<ListAnswer<LocalModel>>('/admin/engine/models', { signal }).then((answer) => answer.data),
    [],
  );
  const [notice, setNotice] = useState<string | null>(null);
  const action = useAction();
  const admin = session.me.platform_admin;

  // reload() only bumps a counter in state, so the first render's functions keep working for the timer's life.
  const reloadEngine = () => engine.reload();
  const reloadStore = () => store.reload();
  useEffect(() => {
    if (!admin) return;
    const timer = setInterval(() => {
      reloadEngine();
      reloadStore();
    }, REFRESH_MS);
    return () => clearInterval(timer);
  }, [admin]);

  if (!admin)
    return <PlatformAdminsOnly title="Local models" message="Only platform admins manage the local engine." />;

  const refresh = () => {
    engine.reload();
    store.reload();
  };

  const load = (name: string) =>
    void action.run(async () => {
      setNotice(null);
      const loaded = await api<LoadedModel>(`/admin/engine/loaded/${segment(name)}`, { method: 'POST' });
      setNotice(`${loaded.name} is loaded (${bytes(loaded.memory_bytes)}, ${milliseconds(loaded.load_duration_ms)}).`);
      refresh();
    });

  const unload = (name: string) =>
    void action.run(async () => {
      setNotice(null);
      const answer = await api<UnloadedModel>(`/admin/engine/loaded/${segment(name)}`, { method: 'DELETE' });
      setNotice(
        answer.unloads_when_idle
          ? `${answer.name} is in use: it keeps serving and unloads as soon as no request holds it.`
          : `${answer.name} is unloaded.`,
      );
      refresh();
    });

  return (
    <div className="area-admin">
      <PageHeader title="Local models">
        <Button onClick={refresh}>Refresh</Button>
      </PageHeader>
      <p role="status" className="notice">
        {notice ?? ''}
      </p>
      {action.error === undefined ? null : <ErrorNote error={action.error} />}

      <section className="card" aria-labelledby="engine-heading">
        <h2 id="engine-heading" className="card-title">
          Engine
        </h2>
        {engine.loading && engine.data === undefined ? <Loading what="the engine" /> : null}
        {engine.error === undefined ? null : <ErrorNote error={engine.error} retry={() => engine.reload()} />}
        {engine.data === undefined ? null : <EngineFacts engine={engine.data} />}
      </section>

      <h2>Loaded models</h2>
      {engine.data === undefined ? null : (
        <Table
          caption="Models loaded in memory"
          rows={engine.data.loaded}
          rowKey={(model) => model.name}
          empty="No model is in memory. A request or Load below brings one in."
          columns={[
            { header: 'Name', cell: (model) => model.name },
            { header: 'Memory', numeric: true, cell: (model) => bytes(model.memory_bytes) },
            { header: 'Context per slot', numeric: true, cell: (model) => count(model.context_size) },
            {
              header: 'Slots busy',
              numeric: true,
              cell: (model) => `${model.busy_slots} of ${model.slots}`,
            },
            { header: 'Queued', numeric: true, cell: (model) => count(model.queued) },
            {
              header: 'Loaded',
              cell: (model) => `${dateTime(model.loaded_at)} (${milliseconds(model.load_duration_ms)})`,
            },
            { header: 'Unloads', cell: keepAlive },
            { header: 'Template', cell: (model) => model.chat_template },
            {
              header: 'Actions',
              cell: (model) => (
                <Button disabled={action.busy} onClick={() => unload(model.name)} aria-label={`Unload ${model.name}`}>
                  Unload
                </Button>
              ),
            },
          ]}
        />
      )}

      <h2>Model store</h2>
      {store.loading && store.data === undefined ? <Loading what="the model store" /> : null}
      {store.error === undefined ? null : <ErrorNote error={store.error} retry={() => store.reload()} />}
      {store.data === undefined ? null : (
        <Table
          caption="Models in the local store"
          rows={store.data}
          rowKey={(model) => model.name}
          empty="The store is empty. Pull a model below; models declared with file: in the config are served but not listed."
          columns={[
            {
              header: 'Name',
              cell: (model) => (
                <>
                  {model.name} {model.loaded ? <Badge tone="ok">loaded</Badge> : null}
                </>
              ),
            },
            { header: 'Size', numeric: true, cell: (model) => bytes(model.size_bytes) },
            { header: 'Architecture', cell: (model) => model.architecture ?? '—' },
            { header: 'Parameters', numeric: true, cell: (model) => parameterCount(model.parameters) },
            { header: 'Quantisation', cell: (model) => model.quantisation ?? '—' },
            {
              header: 'Context',
              numeric: true,
              cell: (model) => (model.context_length === null ? '—' : count(model.context_length)),
            },
            { header: 'Chat template', cell: (model) => (model.has_chat_template ? 'yes' : 'no') },
            { header: 'Source', cell: (model) => <code className="break">{model.source ?? model.file}</code> },
            { header: 'Added', cell: (model) => dateTime(model.added_at) },
            {
              header: 'Actions',
              cell: (model) =>
                model.loaded ? (
                  <Button disabled={action.busy} onClick={() => unload(model.name)} aria-label={`Unload ${model.name}`}>
                    Unload
                  </Button>
                ) : (
                  <Button disabled={action.busy} onClick={() => load(model.name)} aria-label={`Load ${model.name}`}>
                    Load
                  </Button>
                ),
            },
          ]}
        />
      )}
      <PullModel onStoreChanged={() => store.reload()} />
    </div>
  );
}

function keepAlive(model: LoadedModel): string {
  if (model.keep_alive_ms < 0) return 'kept loaded';
  if (model.expires_at !== null) return `when idle, at ${dateTime(model.expires_at)}`;
  return model.in_use > 0 ? `after use (${count(model.in_use)} in use)` : 'when idle';
}

function EngineFacts(props: { engine: Engine }) {
  const { engine } = props;
  const share =
    engine.memory_budget_bytes === 0 ? 0 : Math.min(100, (engine.memory_used_bytes / engine.memory_budget_bytes) * 100);
  return (
    <>
      <dl className="facts">
        <div>
          <dt>Accelerator</dt>
          <dd>{engine.accelerator ?? 'not started yet'}</dd>
        </div>
        <div>
          <dt>GPU setting</dt>
          <dd>{String(engine.gpu)}</dd>
        </div>
        <div>
          <dt>Threads</dt>
          <dd>{engine.threads}</dd>
        </div>
        <div>
          <dt>Memory</dt>
          <dd>
            {bytes(engine.memory_used_bytes)} of {bytes(engine.memory_budget_bytes)} ({Math.round(share)} %)
          </dd>
        </div>
      </dl>
      <div
        className="progress"
        role="progressbar"
        aria-label="Engine memory used"
        aria-valuemin={0}
        aria-valuemax={engine.memory_budget_bytes}
        aria-valuenow={engine.memory_used_bytes}
      >
        <span style={{ width: `${share}%` }} />
      </div>
    </>
  );
}
