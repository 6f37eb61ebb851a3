import {
  LOCAL_VENDOR_ID,
  type Capability,
  type CatalogVendor,
  type LocalModelCard,
  type SelfHostedPrice,
} from './catalog-types.js';

/**
 * What the catalog needs of a model in the engine's store. The engine's StoredModel has this shape, so its
 * list can be passed as it is; the catalog does not import the engine.
 */
export interface LocalModelInput {
  name: string;
  info: {
    architecture: string | null;
    parameterCount: number;
    quantisation: string | null;
    /** The trained context (<arch>.context_length). */
    contextLength: number | null;
    chatTemplate: string | null;
    /** <arch>.pooling_type; set by embedding models. */
    pooling: string | null;
  };
}

/** The vendor of the engine's models, listed beside the vendors of catalog/vendors.yaml. */
export const LOCAL_VENDOR: CatalogVendor = Object.freeze({
  id: LOCAL_VENDOR_ID,
  name: 'This Hangar (local engine)',
  website: null,
});

/** Zero, and no page to cite: the operator pays for the machine, not the tokens. */
function selfHostedPrice(embeddings: boolean): SelfHostedPrice {
  return {
    deploymentType: 'managed',
    soldBy: 'self-hosted',
    promptTokensAbove: 0,
    microUsdPerMillionTokens: { input: 0, cachedInput: null, cacheWriteInput: null, output: embeddings ? null : 0 },
    source: null,
    asOf: null,
    note: 'Hosted by this Hangar: no per-token price.',
  };
}

/**
 * Catalog cards for the models the local engine hosts, described from their GGUF headers. A pooling type
 * marks an embedding model. Chat models get `json_schema` (the engine enforces schemas with a grammar) and
 * `tools` when the file carries a chat template to render tool calls with.
 */
export function localModelCards(models: readonly LocalModelInput[]): LocalModelCard[] {
  return models.map((model) => {
    const { info } = model;
    const embeddings = info.pooling !== null && info.pooling !== 'none';
    const hasChatTemplate = info.chatTemplate !== null;
    const capabilities: Capability[] = embeddings
      ? ['embeddings']
      : hasChatTemplate
        ? ['tools', 'json_schema']
        : ['json_schema'];
    const facts = [
      info.architecture,
      info.quantisation,
      `${formatParameterCount(info.parameterCount)} parameters`,
      embeddings ? 'embeddings' : hasChatTemplate ? 'chat' : 'no chat template',
    ].filter((fact): fact is string => fact !== null);
    return {
      origin: 'engine',
      id: model.name,
      name: model.name,
      vendor: LOCAL_VENDOR_ID,
      family: info.architecture ?? 'unknown',
      description: `GGUF model in this Hangar's store (${facts.join(', ')}).`,
      modalitiesIn: ['text'],
      modalitiesOut: embeddings ? ['embedding'] : ['text'],
      contextWindow: info.contextLength,
      maxOutputTokens: null,
      capabilities,
      parameters: {},
      licence: "unknown: see the model's source",
      released: null,
      retires: null,
      deploymentTypes: ['managed'],
      prices: [selfHostedPrice(embeddings)],
      local: {
        architecture: info.architecture,
        parameterCount: info.parameterCount,
        quantisation: info.quantisation,
        hasChatTemplate,
      },
    };
  });
}

/** 1.2B, 350M, 4.6K */
export function formatParameterCount(count: number): string {
  if (count >= 1e9) return `${(count / 1e9).toFixed(1)}B`;
  if (count >= 1e6) return `${(count / 1e6).toFixed(1)}M`;
  if (count >= 1e3) return `${(count / 1e3).toFixed(1)}K`;
  return String(count);
}
