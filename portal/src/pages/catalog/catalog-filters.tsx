import { Button, Field } from '../../components/ui';
import {
  CAPABILITIES,
  CATALOG_DEPLOYMENT_TYPES,
  MODALITIES,
  capabilityName,
  type ModelCard,
  type Vendor,
} from './catalog-types';

export interface CatalogFilters {
  q: string;
  vendor: string;
  capabilities: string[];
  /** Smallest context window in tokens; 0: any. The API has no such filter, so the page applies it. */
  minContext: number;
  /** Dollars per million tokens, as typed. */
  maxInputPrice: string;
  maxOutputPrice: string;
  deploymentType: string;
  modality: string;
}

export const NO_FILTERS: CatalogFilters = {
  q: '',
  vendor: '',
  capabilities: [],
  minContext: 0,
  maxInputPrice: '',
  maxOutputPrice: '',
  deploymentType: '',
  modality: '',
};

export const CONTEXT_CHOICES: readonly { value: number; label: string }[] = [
  { value: 0, label: 'Any length' },
  { value: 32_000, label: 'At least 32K tokens' },
  { value: 128_000, label: 'At least 128K tokens' },
  { value: 200_000, label: 'At least 200K tokens' },
  { value: 1_000_000, label: 'At least 1M tokens' },
];

/** GET /admin/catalog/models with the filters the API applies, in a fixed order (the path is also a cache key). */
export function catalogPath(filters: CatalogFilters): string {
  const query = new URLSearchParams();
  const add = (name: string, value: string) => {
    if (value.trim() !== '') query.set(name, value.trim());
  };
  add('q', filters.q);
  add('vendor', filters.vendor);
  add('capability', filters.capabilities.join(','));
  add('max_input_price', filters.maxInputPrice);
  add('max_output_price', filters.maxOutputPrice);
  add('deployment_type', filters.deploymentType);
  add('modality', filters.modality);
  const text = query.toString();
  return text === '' ? '/admin/catalog/models' : `/admin/catalog/models?${text}`;
}

/** The filter the API cannot apply: a model whose context window is unknown is kept only when any length will do. */
export function applyContextFilter(models: readonly ModelCard[], minContext: number): ModelCard[] {
  if (minContext <= 0) return [...models];
  return models.filter((model) => (model.context_window ?? 0) >= minContext);
}

export function isFiltered(filters: CatalogFilters): boolean {
  return JSON.stringify(filters) !== JSON.stringify(NO_FILTERS);
}

export function CatalogFilterForm(props: {
  filters: CatalogFilters;
  onChange: (filters: CatalogFilters) => void;
  vendors: readonly Vendor[];
}) {
  const { filters } = props;
  const set = (change: Partial<CatalogFilters>) => props.onChange({ ...filters, ...change });
  return (
    <form
      className="card catalog-filters"
      role="search"
      aria-label="Filter models"
      onSubmit={(e) => e.preventDefault()}
    >
      <div className="row">
        <Field label="Search">
          {(id) => (
            <input
              id={id}
              type="search"
              value={filters.q}
              placeholder="Name, family, description"
              onChange={(event) => set({ q: event.target.value })}
            />
          )}
        </Field>
        <Field label="Vendor">
          {(id) => (
            <select id={id} value={filters.vendor} onChange={(event) => set({ vendor: event.target.value })}>
              <option value="">All vendors</option>
              {props.vendors.map((vendor) => (
                <option key={vendor.id} value={vendor.id}>
                  {vendor.name}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label="Context length">
          {(id) => (
            <select
              id={id}
              value={String(filters.minContext)}
              onChange={(event) => set({ minContext: Number(event.target.value) })}
            >
              {CONTEXT_CHOICES.map((choice) => (
                <option key={choice.value} value={String(choice.value)}>
                  {choice.label}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label="Max input price" hint="US$ per 1M tokens">
          {(id, describedBy) => (
            <input
              id={id}
              aria-describedby={describedBy}
              type="number"
              min={0}
              step="any"
              inputMode="decimal"
              value={filters.maxInputPrice}
              onChange={(event) => set({ maxInputPrice: event.target.value })}
            />
          )}
        </Field>
        <Field label="Max output price" hint="US$ per 1M tokens">
          {(id, describedBy) => (
            <input
              id={id}
              aria-describedby={describedBy}
              type="number"
              min={0}
              step="any"
              inputMode="decimal"
              value={filters.maxOutputPrice}
              onChange={(event) => set({ maxOutputPrice: event.target.value })}
            />
          )}
        </Field>
        <Field label="Deployment type">
          {(id) => (
            <select
              id={id}
              value={filters.deploymentType}
              onChange={(event) => set({ deploymentType: event.target.value })}
            >
              <option value="">Any type</option>
              {CATALOG_DEPLOYMENT_TYPES.map((type) => (
                <option key={type} value={type}>
                  {type}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label="Modality">
          {(id) => (
            <select id={id} value={filters.modality} onChange={(event) => set({ modality: event.target.value })}>
              <option value="">Any modality</option>
              {MODALITIES.map((modality) => (
                <option key={modality} value={modality}>
                  {modality}
                </option>
              ))}
            </select>
          )}
        </Field>
      </div>
      <fieldset className="capability-filter">
        <legend>Capabilities (all of)</legend>
        {CAPABILITIES.map((capability) => (
          <label key={capability} className="check">
            <input
              type="checkbox"
              checked={filters.capabilities.includes(capability)}
              onChange={(event) =>
                set({
                  capabilities: event.target.checked
                    ? CAPABILITIES.filter((item) => item === capability || filters.capabilities.includes(item))
                    : filters.capabilities.filter((item) => item !== capability),
                })
              }
            />
            {capabilityName(capability)}
          </label>
        ))}
      </fieldset>
      {isFiltered(filters) ? <Button onClick={() => props.onChange(NO_FILTERS)}>Clear filters</Button> : null}
    </form>
  );
}
