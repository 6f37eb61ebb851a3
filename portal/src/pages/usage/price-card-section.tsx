import { useState } from 'react';
import { useApi } from '../../auth/session-context';
import type { ListAnswer } from '../../api/client';
import { count, dateTime } from '../../components/format';
import { Badge, Empty, ErrorNote, Field, Loading, Table } from '../../components/ui';
import { useLoad } from '../../components/use-load';
import { usdPerMillion } from './usd-per-million';
import { TOKEN_KIND_LABELS, type DeploymentSummary, type PriceCard, type TokenKind } from './usage-types';

const KINDS = Object.keys(TOKEN_KIND_LABELS) as TokenKind[];
const ORIGIN_WORDS = { catalog: 'Catalog price', override: 'Project price', unpriced: 'Unpriced' } as const;

/**
 * The price card that prices a deployment's requests now, read-only: platform admins change prices on the Prices
 * page. Chosen by deployment, since a card depends on the model and the deployment type.
 */
export function PriceCardSection(props: { project: string }) {
  const api = useApi();
  const base = `/admin/projects/${encodeURIComponent(props.project)}`;
  const deployments = useLoad(
    (signal) => api<ListAnswer<DeploymentSummary>>(`${base}/deployments`, { signal }),
    [props.project],
  );
  const [chosen, setChosen] = useState<string | undefined>(undefined);
  const list = deployments.data?.data ?? [];
  const deployment = list.find((candidate) => candidate.name === chosen) ?? list[0];
  const card = useLoad(
    (signal) =>
      deployment === undefined
        ? Promise.resolve(undefined)
        : api<PriceCard>(
            `${base}/prices/effective?${new URLSearchParams({ model: deployment.model, deployment_type: deployment.type }).toString()}`,
            { signal },
          ),
    [props.project, deployment?.model, deployment?.type],
  );
  return (
    <section aria-labelledby="prices-heading">
      <h2 id="prices-heading">Prices in effect</h2>
      {deployments.loading && deployments.data === undefined ? <Loading what="deployments" /> : null}
      {deployments.error === undefined ? null : (
        <ErrorNote error={deployments.error} retry={() => deployments.reload()} />
      )}
      {deployments.data === undefined ? null : deployment === undefined ? (
        <Empty>No deployments yet: prices show here for each deployment’s model and type.</Empty>
      ) : (
        <div className="card">
          <Field label="Deployment">
            {(id) => (
              <select id={id} value={deployment.name} onChange={(event) => setChosen(event.target.value)}>
                {list.map((candidate) => (
                  <option key={candidate.id} value={candidate.name}>
                    {candidate.name} ({candidate.model}, {candidate.type})
                  </option>
                ))}
              </select>
            )}
          </Field>
          {card.loading && card.data === undefined ? <Loading what="the price card" /> : null}
          {card.error === undefined ? null : <ErrorNote error={card.error} retry={() => card.reload()} />}
          {card.data === undefined ? null : <PriceCardView card={card.data} />}
        </div>
      )}
    </section>
  );
}

function PriceCardView(props: { card: PriceCard }) {
  const { card } = props;
  const tiers = card.tiers.length > 1 ? card.tiers : [];
  return (
    <>
      <p>
        <Badge tone={card.origin === 'unpriced' ? 'warn' : card.origin === 'override' ? 'ok' : 'neutral'}>
          {ORIGIN_WORDS[card.origin]}
        </Badge>{' '}
        version <code>{card.version}</code>
        {card.priced_as_deployment_type === null ||
        card.priced_as_deployment_type === undefined ||
        card.priced_as_deployment_type === card.deployment_type
          ? ''
          : `, priced as ${card.priced_as_deployment_type}`}
        {card.sold_by === null || card.sold_by === undefined ? '' : `, sold by ${card.sold_by}`}
        {card.discount_basis_points !== undefined && card.discount_basis_points > 0
          ? `, ${card.discount_basis_points / 100} % off the catalog`
          : ''}
        {card.effective_from === null || card.effective_from === undefined
          ? ''
          : `, since ${dateTime(card.effective_from)}`}
        {card.effective_to === null || card.effective_to === undefined ? '' : ` until ${dateTime(card.effective_to)}`}
      </p>
      {card.origin === 'unpriced' ? (
        <p className="hint">Requests to this model cost nothing until a price is set.</p>
      ) : null}
      <Table
        caption="Price per 1M tokens by token kind"
        rows={KINDS}
        rowKey={(kind) => kind}
        empty="No prices."
        columns={[
          { header: 'Tokens', cell: (kind) => TOKEN_KIND_LABELS[kind] },
          { header: 'USD per 1M', numeric: true, cell: (kind) => usdPerMillion(card.usd_per_million_tokens[kind]) },
          ...tiers.slice(1).map((tier) => ({
            header: `Prompts over ${count(tier.prompt_tokens_above)}`,
            numeric: true,
            cell: (kind: TokenKind) => usdPerMillion(tier.usd_per_million_tokens[kind]),
          })),
        ]}
      />
    </>
  );
}
