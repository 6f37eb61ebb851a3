import type { ChatUsage } from './stream-chat';

/** US dollars per 1M tokens, as `GET …/prices/effective` answers them. */
export interface PriceRates {
  input: number;
  cached_input: number;
  cache_write_input: number;
  output: number;
  reasoning: number;
}

/** The price card in effect for the project's requests to a model (the parts the estimate reads). */
export interface PriceCard {
  origin: 'catalog' | 'override' | 'unpriced';
  version: string;
  discount_basis_points: number;
  usd_per_million_tokens: PriceRates;
  tiers: { prompt_tokens_above: number; usd_per_million_tokens: PriceRates }[];
}

export function effectivePricePath(project: string, model: string, deploymentType: string): string {
  const query = new URLSearchParams({ model, deployment_type: deploymentType });
  return `/admin/projects/${encodeURIComponent(project)}/prices/effective?${query.toString()}`;
}

/**
 * An estimate of one reply's cost in micro-dollars, from the price card and the usage the stream reported: the
 * long-prompt tier the prompt falls in, cached prompt tokens at the cached rate, reasoning at the reasoning rate,
 * less the card's discount. The ledger's figure can differ a little (cache writes are not in OpenAI's usage, and
 * the ledger rounds per record); null when the model has no price.
 */
export function estimateCostMicroUsd(card: PriceCard, usage: ChatUsage): number | null {
  if (card.origin === 'unpriced') return null;
  const prompt = usage.prompt_tokens;
  const tier = [...card.tiers]
    .sort((a, b) => b.prompt_tokens_above - a.prompt_tokens_above)
    .find((candidate) => candidate.prompt_tokens_above === 0 || prompt > candidate.prompt_tokens_above);
  const rates = tier?.usd_per_million_tokens ?? card.usd_per_million_tokens;
  const cached = Math.min(prompt, usage.prompt_tokens_details?.cached_tokens ?? 0);
  const reasoning = Math.min(usage.completion_tokens, usage.completion_tokens_details?.reasoning_tokens ?? 0);
  // Dollars per 1M tokens are numerically micro-dollars per token.
  const list =
    (prompt - cached) * rates.input +
    cached * rates.cached_input +
    (usage.completion_tokens - reasoning) * rates.output +
    reasoning * rates.reasoning;
  return (list * (10_000 - card.discount_basis_points)) / 10_000;
}
