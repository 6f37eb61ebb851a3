import { useState } from 'react';
import type { ListAnswer } from '../../api/client';
import { useApi, useSession } from '../../auth/session-context';
import { Button, Empty, ErrorNote, Loading, PageHeader } from '../../components/ui';
import { useLoad } from '../../components/use-load';
import { navigate } from '../../router/use-route';
import { CreateDeploymentDialog } from '../deployments/create-deployment-dialog';
import { applyContextFilter, catalogPath, CatalogFilterForm, NO_FILTERS, type CatalogFilters } from './catalog-filters';
import { modelTitle, type ModelCard, type Vendor } from './catalog-types';
import { ModelCardView } from './model-card';

/** Two models side by side: the compare page's address. */
export function comparePath(a: string, b: string): string {
  return `/catalog/compare?a=${encodeURIComponent(a)}&b=${encodeURIComponent(b)}`;
}

interface Chosen {
  id: string;
  title: string;
}

/** The model catalog: cards with filters, two chosen for comparison, and Deploy for those who may create deployments. */
export function CatalogPage() {
  return (
    <div className="area-catalog">
      <CatalogPageBody />
    </div>
  );
}

function CatalogPageBody() {
  const session = useSession();
  const api = useApi();
  const [filters, setFilters] = useState<CatalogFilters>(NO_FILTERS);
  const [chosen, setChosen] = useState<Chosen[]>([]);
  const [deploying, setDeploying] = useState<ModelCard | null>(null);
  const path = catalogPath(filters);
  const models = useLoad((signal) => api<ListAnswer<ModelCard>>(path, { signal }), [path]);
  const vendors = useLoad((signal) => api<ListAnswer<Vendor>>('/admin/catalog/vendors', { signal }), []);
  const mayDeploy = session.project !== null && session.can('Contributor');

  const vendorList = vendors.data?.data ?? [];
  const vendorName = (id: string) => vendorList.find((vendor) => vendor.id === id)?.name ?? id;
  const shown = models.data === undefined ? [] : applyContextFilter(models.data.data, filters.minContext);

  const choose = (model: ModelCard, selected: boolean) => {
    setChosen((previous) =>
      selected
        ? [...previous.filter((item) => item.id !== model.id), { id: model.id, title: modelTitle(model) }].slice(-2)
        : previous.filter((item) => item.id !== model.id),
    );
  };
  const [first, second] = chosen;

  return (
    <>
      <PageHeader title="Model catalog">
        <span className="muted" role="status">
          {chosen.length === 0
            ? 'Choose two models to compare'
            : `${chosen.map((item) => item.title).join(' and ')} chosen`}
        </span>
        {chosen.length > 0 ? <Button onClick={() => setChosen([])}>Clear choice</Button> : null}
        <Button
          variant="primary"
          disabled={first === undefined || second === undefined}
          onClick={() => {
            if (first !== undefined && second !== undefined) navigate(comparePath(first.id, second.id));
          }}
        >
          Compare
        </Button>
      </PageHeader>
      <CatalogFilterForm filters={filters} onChange={setFilters} vendors={vendorList} />
      {vendors.error === undefined ? null : <ErrorNote error={vendors.error} retry={() => vendors.reload()} />}
      {models.error !== undefined ? (
        <ErrorNote error={models.error} retry={() => models.reload()} />
      ) : models.data === undefined ? (
        <Loading what="models" />
      ) : shown.length === 0 ? (
        <Empty>
          {models.data.data.length === 0 && path === '/admin/catalog/models'
            ? 'The catalog has no models.'
            : 'No model matches these filters.'}
        </Empty>
      ) : (
        <>
          <p className="muted" aria-live="polite">
            {shown.length === 1 ? '1 model' : `${shown.length} models`}
            {models.loading ? ' (updating…)' : ''}
          </p>
          <div className="grid model-grid">
            {shown.map((model) => {
              const selected = chosen.some((item) => item.id === model.id);
              return (
                <ModelCardView
                  key={`${model.vendor}/${model.id}`}
                  model={model}
                  vendorName={vendorName(model.vendor)}
                  selected={selected}
                  selectable={chosen.length < 2}
                  onSelect={(value) => choose(model, value)}
                  onDeploy={mayDeploy ? () => setDeploying(model) : undefined}
                />
              );
            })}
          </div>
        </>
      )}
      <CreateDeploymentDialog
        open={deploying !== null}
        onClose={() => setDeploying(null)}
        model={deploying === null ? undefined : deploying}
      />
    </>
  );
}
