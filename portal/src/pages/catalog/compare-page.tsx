import { useState, type ReactNode } from 'react';
import type { ListAnswer } from '../../api/client';
import { useApi, useSession } from '../../auth/session-context';
import { Badge, Button, Empty, ErrorNote, Field, Loading, PageHeader } from '../../components/ui';
import { useLoad } from '../../components/use-load';
import { navigate, useRoute } from '../../router/use-route';
import { CreateDeploymentDialog } from '../deployments/create-deployment-dialog';
import { comparePath } from './catalog-page';
import {
  capabilityName,
  day,
  isPast,
  modelTitle,
  perMillion,
  priceLabel,
  tokens,
  type CatalogPrice,
  type ModelCard,
} from './catalog-types';

/** `?a=gpt-4o&b=o3` of the hash path. */
export function compareIds(path: string): { a: string; b: string } {
  const query = new URLSearchParams(path.split('?')[1] ?? '');
  return { a: query.get('a') ?? '', b: query.get('b') ?? '' };
}

function modelPath(id: string): string {
  return `/admin/catalog/models/${encodeURIComponent(id)}`;
}

function priceText(price: CatalogPrice | undefined): string {
  if (price === undefined) return '—';
  const { input, cached_input: cached, output } = price.usd_per_million_tokens;
  const parts = [`input ${perMillion(input)}`];
  if (cached !== null && cached !== undefined) parts.push(`cached ${perMillion(cached)}`);
  parts.push(`output ${perMillion(output)}`);
  return parts.join(' · ');
}

function list(values: readonly string[] | undefined, name: (value: string) => string = (value) => value): string {
  return values === undefined || values.length === 0 ? '—' : values.map(name).join(', ');
}

function retires(model: ModelCard): ReactNode {
  if (model.retires === null || model.retires === undefined) return 'Not announced';
  const past = isPast(model.retires);
  return <Badge tone={past ? 'bad' : 'warn'}>{`${past ? 'Retired ' : ''}${day(model.retires)}`}</Badge>;
}

/** Rows of the comparison: one per fact, then one per price both models may have. */
function comparisonRows(a: ModelCard, b: ModelCard): { label: string; cell: (model: ModelCard) => ReactNode }[] {
  const rows: { label: string; cell: (model: ModelCard) => ReactNode }[] = [
    { label: 'Vendor', cell: (model) => model.vendor },
    { label: 'Family', cell: (model) => model.family },
    { label: 'Description', cell: (model) => model.description ?? '—' },
    { label: 'Capabilities', cell: (model) => list(model.capabilities, capabilityName) },
    { label: 'Input', cell: (model) => list(model.modalities_in) },
    { label: 'Output', cell: (model) => list(model.modalities_out) },
    { label: 'Context window', cell: (model) => tokens(model.context_window) },
    { label: 'Max output', cell: (model) => tokens(model.max_output_tokens) },
    { label: 'Released', cell: (model) => day(model.released) },
    { label: 'Retires', cell: retires },
    { label: 'Licence', cell: (model) => model.licence ?? '—' },
    { label: 'Deployment types', cell: (model) => list(model.deployment_types) },
  ];
  const labels = [...new Set([...a.prices, ...b.prices].map(priceLabel))];
  for (const label of labels) {
    rows.push({
      label: `Price per 1M tokens: ${label}`,
      cell: (model) => priceText(model.prices.find((price) => priceLabel(price) === label)),
    });
  }
  return rows;
}

/** Two catalog models side by side (`#/catalog/compare?a=ID&b=ID`); either can be swapped for another. */
export function ComparePage() {
  return (
    <div className="area-catalog">
      <ComparePageBody />
    </div>
  );
}

function ComparePageBody() {
  const path = useRoute();
  const { a, b } = compareIds(path);
  const session = useSession();
  const api = useApi();
  const [deploying, setDeploying] = useState<ModelCard | null>(null);
  const mayDeploy = session.project !== null && session.can('Contributor');
  const all = useLoad((signal) => api<ListAnswer<ModelCard>>('/admin/catalog/models', { signal }), []);
  const pair = useLoad(
    async (signal) =>
      a === '' || b === ''
        ? null
        : Promise.all([api<ModelCard>(modelPath(a), { signal }), api<ModelCard>(modelPath(b), { signal })]),
    [a, b],
  );

  const picker = (label: string, value: string, other: string, change: (id: string) => string) => (
    <Field label={label}>
      {(id) => (
        <select id={id} value={value} onChange={(event) => navigate(change(event.target.value))}>
          {value === '' ? <option value="">Choose a model</option> : null}
          {(all.data?.data ?? []).map((model) => (
            <option key={`${model.vendor}/${model.id}`} value={model.id} disabled={model.id === other}>
              {modelTitle(model)} ({model.vendor})
            </option>
          ))}
          {value !== '' && all.data?.data.every((model) => model.id !== value) !== false ? (
            <option value={value}>{value}</option>
          ) : null}
        </select>
      )}
    </Field>
  );

  return (
    <>
      <PageHeader title="Compare models">
        <Button onClick={() => navigate('/catalog')}>Back to the catalog</Button>
      </PageHeader>
      <div className="card row">
        {picker('First model', a, b, (id) => comparePath(id, b))}
        {picker('Second model', b, a, (id) => comparePath(a, id))}
      </div>
      {all.error === undefined ? null : <ErrorNote error={all.error} retry={() => all.reload()} />}
      {a === '' || b === '' ? (
        <Empty>
          Choose two models above, or pick them in the <a href="#/catalog">catalog</a>.
        </Empty>
      ) : pair.error !== undefined ? (
        <ErrorNote error={pair.error} retry={() => pair.reload()} />
      ) : pair.data === undefined || pair.data === null ? (
        <Loading what="the two models" />
      ) : (
        <ComparisonTable pair={pair.data} onDeploy={mayDeploy ? setDeploying : undefined} />
      )}
      <CreateDeploymentDialog
        open={deploying !== null}
        onClose={() => setDeploying(null)}
        model={deploying === null ? undefined : deploying}
      />
    </>
  );
}

function ComparisonTable(props: { pair: [ModelCard, ModelCard]; onDeploy?: ((model: ModelCard) => void) | undefined }) {
  const [a, b] = props.pair;
  const rows = comparisonRows(a, b);
  return (
    <div className="table-wrap compare-table">
      <table>
        <caption className="visually-hidden">
          {modelTitle(a)} and {modelTitle(b)} side by side
        </caption>
        <thead>
          <tr>
            <td />
            <th scope="col">{modelTitle(a)}</th>
            <th scope="col">{modelTitle(b)}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.label}>
              <th scope="row">{row.label}</th>
              <td>{row.cell(a)}</td>
              <td>{row.cell(b)}</td>
            </tr>
          ))}
          {props.onDeploy === undefined ? null : (
            <tr>
              <td />
              {[a, b].map((model) => (
                <td key={model.id}>
                  <Button variant="primary" onClick={() => props.onDeploy?.(model)}>
                    Deploy {modelTitle(model)}
                  </Button>
                </td>
              ))}
            </tr>
          )}
        </tbody>
      </table>
    </div>
  );
}
