import { Badge, Button } from '../../components/ui';
import {
  capabilityName,
  day,
  isPast,
  modelTitle,
  perMillion,
  priceLabel,
  tokens,
  type ModelCard,
} from './catalog-types';

/** One catalog model: what it can do, how much it holds, what it costs, when it retires. */
export function ModelCardView(props: {
  model: ModelCard;
  vendorName: string;
  selected: boolean;
  /** False when two others are already chosen. */
  selectable: boolean;
  onSelect: (selected: boolean) => void;
  /** Absent: the person may not create deployments here, so no button is offered. */
  onDeploy?: (() => void) | undefined;
}) {
  const { model } = props;
  const title = modelTitle(model);
  const headingId = `model-${model.vendor}-${model.id}`.replace(/[^A-Za-z0-9_-]/g, '-');
  return (
    <article className={`card model-card${props.selected ? ' selected' : ''}`} aria-labelledby={headingId}>
      <header className="model-card-head">
        <h2 id={headingId}>{title}</h2>
        <span className="muted">{props.vendorName}</span>
      </header>
      {model.name !== undefined && model.name !== model.id ? <code className="model-id">{model.id}</code> : null}
      {model.description ? <p className="model-description">{model.description}</p> : null}
      <ul className="badges" aria-label="Capabilities">
        {model.capabilities.length === 0 ? <li className="muted">No listed capabilities</li> : null}
        {model.capabilities.map((capability) => (
          <li key={capability}>
            <Badge>{capabilityName(capability)}</Badge>
          </li>
        ))}
      </ul>
      <dl className="facts">
        <div>
          <dt>Context</dt>
          <dd title={exact(model.context_window)}>{tokens(model.context_window)}</dd>
        </div>
        <div>
          <dt>Max output</dt>
          <dd title={exact(model.max_output_tokens)}>{tokens(model.max_output_tokens)}</dd>
        </div>
        <div>
          <dt>Retires</dt>
          <dd>
            {model.retires === null || model.retires === undefined ? (
              'Not announced'
            ) : (
              <Badge tone={isPast(model.retires) ? 'bad' : 'warn'}>
                {`${isPast(model.retires) ? 'Retired ' : ''}${day(model.retires)}`}
              </Badge>
            )}
          </dd>
        </div>
      </dl>
      <PriceTable model={model} />
      <div className="model-card-actions">
        <label className="check">
          <input
            type="checkbox"
            checked={props.selected}
            disabled={!props.selected && !props.selectable}
            onChange={(event) => props.onSelect(event.target.checked)}
          />
          Compare {title}
        </label>
        {props.onDeploy === undefined ? null : (
          <Button variant="primary" onClick={props.onDeploy} aria-label={`Deploy ${title}`}>
            Deploy
          </Button>
        )}
      </div>
    </article>
  );
}

function exact(value: number | null | undefined): string | undefined {
  return value === null || value === undefined ? undefined : `${value.toLocaleString('en-US')} tokens`;
}

/** Prices per million tokens, one row per deployment type and seller (and per long-prompt tier). */
export function PriceTable(props: { model: ModelCard }) {
  if (props.model.prices.length === 0) return <p className="muted">No published prices.</p>;
  return (
    <div className="table-wrap price-table">
      <table>
        <caption className="visually-hidden">
          Prices of {modelTitle(props.model)} in US dollars per million tokens
        </caption>
        <thead>
          <tr>
            <th scope="col">Per 1M tokens</th>
            <th scope="col" className="numeric">
              Input
            </th>
            <th scope="col" className="numeric">
              Cached
            </th>
            <th scope="col" className="numeric">
              Output
            </th>
          </tr>
        </thead>
        <tbody>
          {props.model.prices.map((price, index) => (
            <tr key={index}>
              <th scope="row" title={price.note ?? undefined}>
                {priceLabel(price)}
              </th>
              <td className="numeric">{perMillion(price.usd_per_million_tokens.input)}</td>
              <td className="numeric">{perMillion(price.usd_per_million_tokens.cached_input)}</td>
              <td className="numeric">{perMillion(price.usd_per_million_tokens.output)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
