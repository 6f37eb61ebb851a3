import type { z } from 'zod';
import type { ModelCardInput, PriceInput } from './catalog-file-schema.js';
import type { DeploymentType, Seller } from './catalog-types.js';

/** What each seller sells per token; provisioned throughput is billed per unit-hour, never per token. */
const PRICED_DEPLOYMENT_TYPES: Readonly<Record<Seller, readonly DeploymentType[]>> = {
  vendor: ['standard', 'batch'],
  azure: ['global-standard', 'data-zone-standard', 'standard', 'batch'],
};
/** Azure prices must cite Azure's own pages, not a blog or a price aggregator. */
const AZURE_PRICE_HOSTS = ['azure.microsoft.com', 'learn.microsoft.com', 'ai.azure.com', 'prices.azure.com'];

/**
 * The rules one model card must keep beyond the shape of its fields. Each problem is reported at the field
 * to change, with what to change it to.
 */
export function checkModelCard(model: ModelCardInput, context: z.RefinementCtx): void {
  const problem = (path: PropertyKey[], message: string) => context.addIssue({ code: 'custom', path, message });

  for (const key of ['modalities_in', 'modalities_out', 'capabilities', 'deployment_types'] as const) {
    const list: readonly string[] = model[key];
    const repeated = list.filter((item, index) => list.indexOf(item) !== index);
    if (repeated.length > 0) problem([key], `lists '${repeated[0]}' more than once`);
  }

  const embeddingsOnly = model.modalities_out.length === 1 && model.modalities_out[0] === 'embedding';
  const takesImages = model.modalities_in.includes('image');
  if (model.capabilities.includes('vision') !== takesImages) {
    problem(
      ['capabilities'],
      takesImages
        ? "must include 'vision', since modalities_in has 'image'"
        : "has 'vision' but modalities_in has no 'image'",
    );
  }
  if (model.capabilities.includes('embeddings') !== model.modalities_out.includes('embedding')) {
    problem(['capabilities'], "must include 'embeddings' exactly when modalities_out has 'embedding'");
  }
  if (model.max_output_tokens === null && !embeddingsOnly) {
    problem(['max_output_tokens'], 'must be a number of tokens (only embedding models leave it null)');
  }
  if (model.max_output_tokens !== null && model.max_output_tokens > model.context_window) {
    problem(['max_output_tokens'], `must be at most context_window (${model.context_window})`);
  }
  if (model.retires !== null && model.retires <= model.released) {
    problem(['retires'], `must be after released (${model.released})`);
  }
  for (const [name, parameter] of Object.entries(model.parameters ?? {})) {
    if (parameter.default !== undefined && !parameter.values.includes(parameter.default)) {
      problem(['parameters', name, 'default'], `must be one of its values (${parameter.values.join(', ')})`);
    }
  }
  if (model.parameters?.reasoning_effort !== undefined && !model.capabilities.includes('reasoning')) {
    problem(['parameters', 'reasoning_effort'], "needs 'reasoning' in capabilities");
  }

  const seen = new Map<string, number>();
  model.prices.forEach((price, index) => {
    checkPrice(price, model, embeddingsOnly, (path, message) => problem(['prices', index, ...path], message));
    const key = priceKey(price);
    const first = seen.get(key);
    if (first === undefined) seen.set(key, index);
    else problem(['prices', index], `repeats prices[${first}] (same deployment_type, sold_by and tier); merge them`);
  });
  for (const price of model.prices) {
    if (price.prompt_tokens_above !== undefined && !seen.has(priceKey({ ...price, prompt_tokens_above: undefined }))) {
      problem(
        ['prices'],
        `have a prompt_tokens_above tier for ${price.sold_by} ${price.deployment_type} but no base price for it`,
      );
    }
  }
  for (const type of model.deployment_types) {
    if (type !== 'provisioned' && !model.prices.some((price) => price.deployment_type === type)) {
      problem(['deployment_types'], `lists '${type}' but no price has deployment_type ${type}; add one or drop it`);
    }
  }
}

function checkPrice(
  price: PriceInput,
  model: ModelCardInput,
  embeddingsOnly: boolean,
  problem: (path: PropertyKey[], message: string) => void,
): void {
  if (!model.deployment_types.includes(price.deployment_type)) {
    problem(['deployment_type'], `'${price.deployment_type}' must also be listed in the model's deployment_types`);
  }
  const priced = PRICED_DEPLOYMENT_TYPES[price.sold_by];
  if (!priced.includes(price.deployment_type)) {
    problem(
      ['deployment_type'],
      `'${price.deployment_type}' is not sold per token by ${price.sold_by}; use one of ${priced.join(', ')}`,
    );
  }
  if (price.cached_input !== null && price.cached_input > price.input) {
    problem(['cached_input'], 'must not be more than input: cached tokens are a discount on input');
  }
  if (price.output === null && !embeddingsOnly) problem(['output'], 'is required for a model that generates tokens');
  if (price.output !== null && embeddingsOnly) problem(['output'], 'must be left out: embedding models have no output');
  if (price.prompt_tokens_above !== undefined && price.prompt_tokens_above >= model.context_window) {
    problem(['prompt_tokens_above'], `must be below context_window (${model.context_window})`);
  }
  if (price.sold_by === 'azure' && !AZURE_PRICE_HOSTS.some((host) => hostOf(price.source) === host)) {
    problem(['source'], `must be an Azure pricing page (${AZURE_PRICE_HOSTS.join(', ')}) for sold_by: azure`);
  }
}

function priceKey(price: Pick<PriceInput, 'deployment_type' | 'sold_by' | 'prompt_tokens_above'>): string {
  return `${price.sold_by} ${price.deployment_type} ${price.prompt_tokens_above ?? 0}`;
}

export function hostOf(url: string): string {
  try {
    return new URL(url).hostname.toLowerCase();
  } catch {
    return '';
  }
}
