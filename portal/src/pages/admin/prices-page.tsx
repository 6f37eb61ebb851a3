import { useState, type FormEvent } from 'react';
import { useApi, useSession } from '../../auth/session-context';
import { dateTime } from '../../components/format';
import { Badge, Button, ErrorNote, Field, Loading, Options, PageHeader, Table } from '../../components/ui';
import { useLoad } from '../../components/use-load';
import type { ListAnswer } from '../../api/client';
import {
  DEPLOYMENT_TYPES,
  segment,
  TOKEN_KIND_TITLES,
  TOKEN_KINDS,
  type PriceCard,
  type PriceOverride,
  type TokenKind,
} from './admin-types';
import { ConfirmDialog } from '../../components/confirm-dialog';
import { useAction } from './use-action';
import { CatalogModelInput } from './catalog-model-input';
import { PlatformAdminsOnly } from './platform-admins-only';

/** Dollars per 1M tokens as the catalog writes them: $2.50, $0.075. */
export function perMillion(value: number | null | undefined): string {
  if (value === null || value === undefined) return '—';
  return `$${value.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 6 })}`;
}

function basisPoints(value: number): string {
  return `${(value / 100).toLocaleString('en-US', { maximumFractionDigits: 2 })} % off`;
}

function describeOverride(override: PriceOverride): string {
  if (override.discount_basis_points !== null) return `${basisPoints(override.discount_basis_points)} the catalog`;
  const prices = override.usd_per_million_tokens;
  if (prices === null) return '—';
  return TOKEN_KINDS.flatMap((kind) =>
    prices[kind] === null || prices[kind] === undefined
      ? []
      : [`${TOKEN_KIND_TITLES[kind]} ${perMillion(prices[kind])}`],
  ).join(' · ');
}

/** Platform admins: a project's own prices (explicit or a discount off the catalog), and the card in effect. */
export function AdminPricesPage() {
  const session = useSession();
  const api = useApi();
  const projectNames = session.projects.map((project) => project.name);
  const [project, setProject] = useState(session.project ?? projectNames[0] ?? '');
  const overrides = useLoad(
    (signal) =>
      project === ''
        ? Promise.resolve([])
        : api<ListAnswer<PriceOverride>>(`/admin/projects/${segment(project)}/prices`, { signal }).then(
            (answer) => answer.data,
          ),
    [project],
  );
  const [removing, setRemoving] = useState<PriceOverride | null>(null);
  const [cardQuery, setCardQuery] = useState<{ model: string; type: string } | null>(null);

  if (!session.me.platform_admin)
    return <PlatformAdminsOnly title="Prices" message="Only platform admins set prices." />;

  return (
    <div className="area-admin">
      <PageHeader title="Prices" />
      <div className="row toolbar">
        <Field label="Project">
          {(id) => (
            <select id={id} value={project} onChange={(event) => setProject(event.target.value)}>
              {projectNames.length === 0 ? <option value="">No projects yet</option> : null}
              <Options values={projectNames} />
            </select>
          )}
        </Field>
      </div>
      {project === '' ? null : (
        <>
          <AddOverride
            project={project}
            onAdded={(model, type) => {
              overrides.reload();
              setCardQuery({ model, type });
            }}
          />
          <h2>Overrides of {project}</h2>
          {overrides.loading && overrides.data === undefined ? <Loading what="price overrides" /> : null}
          {overrides.error === undefined ? null : (
            <ErrorNote error={overrides.error} retry={() => overrides.reload()} />
          )}
          {overrides.data === undefined ? null : (
            <Table
              caption={`Price overrides of ${project}`}
              rows={overrides.data}
              rowKey={(override) => override.id}
              empty="No overrides: the project pays the catalog’s prices."
              columns={[
                { header: 'Model', cell: (override) => override.model },
                { header: 'Deployment type', cell: (override) => override.deployment_type ?? 'every type' },
                { header: 'Price (per 1M tokens)', cell: describeOverride },
                { header: 'From', cell: (override) => dateTime(override.effective_from) },
                {
                  header: 'Until',
                  cell: (override) =>
                    override.effective_to === null ? 'until removed' : dateTime(override.effective_to),
                },
                {
                  header: 'Actions',
                  cell: (override) => (
                    <div className="button-row">
                      <Button
                        aria-label={`Show the card in effect for ${override.model}`}
                        onClick={() =>
                          setCardQuery({ model: override.model, type: override.deployment_type ?? 'global-standard' })
                        }
                      >
                        Card in effect
                      </Button>
                      <Button
                        variant="danger"
                        aria-label={`Remove the override for ${override.model}`}
                        onClick={() => setRemoving(override)}
                      >
                        Remove
                      </Button>
                    </div>
                  ),
                },
              ]}
            />
          )}
          <EffectiveCard project={project} query={cardQuery} onQuery={(model, type) => setCardQuery({ model, type })} />
        </>
      )}
      {removing === null ? null : (
        <ConfirmDialog
          danger
          title="Remove price override"
          confirmLabel="Remove"
          onClose={() => setRemoving(null)}
          onConfirm={async () => {
            await api(`/admin/projects/${segment(removing.project)}/prices/${segment(removing.id)}`, {
              method: 'DELETE',
            });
            setRemoving(null);
            overrides.reload();
          }}
        >
          <p>
            Remove the override for {removing.model} ({describeOverride(removing)})? Requests from now on are priced by
            the catalog; records already written keep their cost.
          </p>
        </ConfirmDialog>
      )}
    </div>
  );
}

const EXTRA_KINDS: readonly TokenKind[] = ['cached_input', 'cache_write_input', 'reasoning'];

function AddOverride(props: { project: string; onAdded: (model: string, type: string) => void }) {
  const api = useApi();
  const [model, setModel] = useState('');
  const [type, setType] = useState('');
  const [mode, setMode] = useState<'prices' | 'discount'>('prices');
  const [prices, setPrices] = useState<Record<TokenKind, string>>({
    input: '',
    cached_input: '',
    cache_write_input: '',
    output: '',
    reasoning: '',
  });
  const [discount, setDiscount] = useState('');
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const action = useAction();

  const body = () => {
    const fields: Record<string, unknown> = { model: model.trim() };
    if (type !== '') fields.deployment_type = type;
    if (mode === 'discount') fields.discount_basis_points = Math.round(Number(discount) * 100);
    else {
      // Strings keep the decimals as typed; the API reads up to six.
      fields.usd_per_million_tokens = Object.fromEntries(
        TOKEN_KINDS.flatMap((kind) => (prices[kind].trim() === '' ? [] : [[kind, prices[kind].trim()]])),
      );
    }
    if (from !== '') fields.effective_from = from;
    if (to !== '') fields.effective_to = to;
    return fields;
  };
  const ready =
    model.trim() !== '' &&
    (mode === 'discount' ? discount !== '' : prices.input.trim() !== '' && prices.output.trim() !== '');

  const submit = (event: FormEvent) => {
    event.preventDefault();
    void action.run(async () => {
      await api(`/admin/projects/${segment(props.project)}/prices`, { method: 'POST', body: body() });
      props.onAdded(model.trim(), type === '' ? 'global-standard' : type);
      setModel('');
      setDiscount('');
      setPrices({ input: '', cached_input: '', cache_write_input: '', output: '', reasoning: '' });
    });
  };

  const priceField = (kind: TokenKind, required: boolean) => (
    <Field
      key={kind}
      label={`${TOKEN_KIND_TITLES[kind]} ($ per 1M)`}
      hint={required ? undefined : kind === 'reasoning' ? 'Empty: the output price.' : 'Empty: the input price.'}
    >
      {(id, describedBy) => (
        <input
          id={id}
          aria-describedby={describedBy}
          inputMode="decimal"
          required={required}
          autoComplete="off"
          placeholder="2.50"
          value={prices[kind]}
          onChange={(event) => setPrices({ ...prices, [kind]: event.target.value })}
        />
      )}
    </Field>
  );

  return (
    <form className="card" onSubmit={submit} aria-label="Add a price override">
      <h2 className="card-title">Add a price override for {props.project}</h2>
      <div className="row">
        <Field label="Model">
          {(id) => <CatalogModelInput id={id} list="price-models" value={model} onChange={setModel} />}
        </Field>
        <Field label="Deployment type">
          {(id) => (
            <select id={id} value={type} onChange={(event) => setType(event.target.value)}>
              <option value="">Every type</option>
              <Options values={DEPLOYMENT_TYPES} />
            </select>
          )}
        </Field>
      </div>
      <fieldset className="choice">
        <legend>Price</legend>
        <label className="checkbox">
          <input type="radio" name="price-mode" checked={mode === 'prices'} onChange={() => setMode('prices')} />{' '}
          Explicit prices
        </label>
        <label className="checkbox">
          <input type="radio" name="price-mode" checked={mode === 'discount'} onChange={() => setMode('discount')} />{' '}
          Discount off the catalog
        </label>
      </fieldset>
      {mode === 'prices' ? (
        <div className="row">
          {priceField('input', true)}
          {priceField('output', true)}
          {EXTRA_KINDS.map((kind) => priceField(kind, false))}
        </div>
      ) : (
        <div className="row">
          <Field label="Discount (%)" hint="15 is 15 % off every catalog price, long-prompt tiers included.">
            {(id, describedBy) => (
              <input
                id={id}
                aria-describedby={describedBy}
                type="number"
                min={0.01}
                max={100}
                step={0.01}
                required
                value={discount}
                onChange={(event) => setDiscount(event.target.value)}
              />
            )}
          </Field>
        </div>
      )}
      <div className="row">
        <Field label="Effective from" hint="Empty: now. A date starts at 00:00 UTC.">
          {(id, describedBy) => (
            <input
              id={id}
              aria-describedby={describedBy}
              type="date"
              value={from}
              onChange={(event) => setFrom(event.target.value)}
            />
          )}
        </Field>
        <Field label="Effective until" hint="Exclusive; empty: until removed.">
          {(id, describedBy) => (
            <input
              id={id}
              aria-describedby={describedBy}
              type="date"
              value={to}
              onChange={(event) => setTo(event.target.value)}
            />
          )}
        </Field>
      </div>
      {action.error === undefined ? null : <ErrorNote error={action.error} />}
      <Button type="submit" variant="primary" disabled={action.busy || !ready}>
        Add override
      </Button>
    </form>
  );
}

function EffectiveCard(props: {
  project: string;
  query: { model: string; type: string } | null;
  onQuery: (model: string, type: string) => void;
}) {
  const api = useApi();
  const [model, setModel] = useState(props.query?.model ?? '');
  const [type, setType] = useState(props.query?.type ?? 'global-standard');
  const [lastQuery, setLastQuery] = useState(props.query);
  // A query set from outside (an override's button, a new override) fills the form as well.
  if (props.query !== lastQuery) {
    setLastQuery(props.query);
    if (props.query !== null) {
      setModel(props.query.model);
      setType(props.query.type);
    }
  }
  const card = useLoad(
    (signal) =>
      props.query === null
        ? Promise.resolve(undefined)
        : api<PriceCard>(
            `/admin/projects/${segment(props.project)}/prices/effective?model=${encodeURIComponent(props.query.model)}` +
              `&deployment_type=${encodeURIComponent(props.query.type)}`,
            { signal },
          ),
    [props.project, props.query?.model, props.query?.type],
  );
  return (
    <section className="card" aria-labelledby="effective-heading">
      <h2 id="effective-heading" className="card-title">
        Card in effect now
      </h2>
      <form
        className="row"
        onSubmit={(event) => {
          event.preventDefault();
          props.onQuery(model.trim(), type);
        }}
      >
        <Field label="Model for the card">
          {(id) => (
            <input
              id={id}
              list="price-models"
              required
              autoComplete="off"
              value={model}
              onChange={(event) => setModel(event.target.value)}
            />
          )}
        </Field>
        <Field label="Type for the card">
          {(id) => (
            <select id={id} value={type} onChange={(event) => setType(event.target.value)}>
              <Options values={DEPLOYMENT_TYPES} />
            </select>
          )}
        </Field>
        <div className="field">
          <Button type="submit" disabled={model.trim() === ''}>
            Show card
          </Button>
        </div>
      </form>
      {props.query === null ? <p className="hint">Pick a model to see what the project pays for it now.</p> : null}
      {card.loading && props.query !== null ? <Loading what="the price card" /> : null}
      {card.error === undefined ? null : <ErrorNote error={card.error} retry={() => card.reload()} />}
      {card.data === undefined || card.loading ? null : <CardView card={card.data} />}
    </section>
  );
}

function CardView(props: { card: PriceCard }) {
  const { card } = props;
  const tone = card.origin === 'override' ? 'ok' : card.origin === 'unpriced' ? 'warn' : 'neutral';
  return (
    <div className="price-card">
      <p>
        <strong>{card.model}</strong> ({card.deployment_type}) <Badge tone={tone}>{card.origin}</Badge>
        {card.discount_basis_points > 0 ? (
          <>
            {' '}
            <Badge tone="ok">{basisPoints(card.discount_basis_points)}</Badge>
          </>
        ) : null}
      </p>
      <dl className="facts">
        <div>
          <dt>Version</dt>
          <dd>
            <code className="break">{card.version}</code>
          </dd>
        </div>
        {card.priced_as_deployment_type !== null && card.priced_as_deployment_type !== card.deployment_type ? (
          <div>
            <dt>Priced as</dt>
            <dd>{card.priced_as_deployment_type}</dd>
          </div>
        ) : null}
        {card.sold_by === null ? null : (
          <div>
            <dt>Sold by</dt>
            <dd>{card.sold_by}</dd>
          </div>
        )}
        <div>
          <dt>In effect</dt>
          <dd>
            {card.effective_from === null ? 'always' : `from ${dateTime(card.effective_from)}`}
            {card.effective_to === null ? '' : ` until ${dateTime(card.effective_to)}`}
          </dd>
        </div>
        {card.source === null ? null : (
          <div>
            <dt>Source</dt>
            <dd>
              <a href={card.source} target="_blank" rel="noreferrer">
                price list
              </a>
            </dd>
          </div>
        )}
      </dl>
      <Table
        caption={`Prices of ${card.model} per 1M tokens`}
        rows={card.tiers}
        rowKey={(tier) => String(tier.prompt_tokens_above)}
        empty="No tiers."
        columns={[
          {
            header: 'Prompt tokens',
            cell: (tier) =>
              tier.prompt_tokens_above === 0 ? 'any' : `above ${tier.prompt_tokens_above.toLocaleString('en-US')}`,
          },
          ...TOKEN_KINDS.map((kind) => ({
            header: TOKEN_KIND_TITLES[kind],
            numeric: true,
            cell: (tier: PriceCard['tiers'][number]) => perMillion(tier.usd_per_million_tokens[kind]),
          })),
        ]}
      />
    </div>
  );
}
