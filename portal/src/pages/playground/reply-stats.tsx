import { count, dollars, milliseconds } from '../../components/format';
import type { CostState, ReplyEntry } from './conversation';

/** Tokens, latency, time to first token and the estimated cost of one reply. */
export function ReplyStats(props: { reply: ReplyEntry }) {
  const { reply } = props;
  if (reply.status === 'streaming') return null;
  return (
    <dl className="reply-stats" aria-label={`Figures of the reply from ${reply.deployment}`}>
      <div>
        <dt>Prompt tokens</dt>
        <dd>{reply.usage === null ? '—' : count(reply.usage.prompt_tokens)}</dd>
      </div>
      <div>
        <dt>Completion tokens</dt>
        <dd>{reply.usage === null ? '—' : count(reply.usage.completion_tokens)}</dd>
      </div>
      <div>
        <dt>Latency</dt>
        <dd>{milliseconds(reply.latencyMs)}</dd>
      </div>
      <div>
        <dt>First token</dt>
        <dd>{milliseconds(reply.firstTokenMs)}</dd>
      </div>
      <div>
        <dt>Cost (estimate)</dt>
        <dd title={costTitle(reply.cost)}>{costText(reply.cost)}</dd>
      </div>
    </dl>
  );
}

export function costText(cost: CostState): string {
  switch (cost.state) {
    case 'pending':
      return '…';
    case 'estimated':
      // Below a micro-dollar, `$0.000000` would read as free.
      return cost.microUsd > 0 && cost.microUsd < 1 ? '< $0.000001' : `≈ ${dollars(Math.round(cost.microUsd))}`;
    case 'unpriced':
      return 'not priced';
    case 'unknown':
      return 'unknown';
  }
}

function costTitle(cost: CostState): string {
  switch (cost.state) {
    case 'estimated':
      return 'From the price card of the deployment’s model and the tokens reported; the bill may differ slightly.';
    case 'unpriced':
      return 'The model has no price in the catalog and no override: it is billed at 0.';
    case 'unknown':
      return `No estimate: ${cost.reason}.`;
    case 'pending':
      return 'Reading the price…';
  }
}
