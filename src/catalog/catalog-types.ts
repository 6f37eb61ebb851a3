/** Deployment types a price can apply to; `managed` is a model hosted by this Hangar's own engine. */
export const DEPLOYMENT_TYPES = [
  'global-standard',
  'data-zone-standard',
  'standard',
  'provisioned',
  'batch',
  'managed',
] as const;
export type DeploymentType = (typeof DEPLOYMENT_TYPES)[number];

export const CAPABILITIES = ['tools', 'json_schema', 'reasoning', 'vision', 'embeddings'] as const;
export type Capability = (typeof CAPABILITIES)[number];

export const INPUT_MODALITIES = ['text', 'image', 'audio', 'video'] as const;
export type InputModality = (typeof INPUT_MODALITIES)[number];

export const OUTPUT_MODALITIES = ['text', 'image', 'audio', 'embedding'] as const;
export type OutputModality = (typeof OUTPUT_MODALITIES)[number];

/** Who sells at a price: the model's vendor on its own API, or Azure (Azure OpenAI, Foundry Models). */
export const SELLERS = ['vendor', 'azure'] as const;
export type Seller = (typeof SELLERS)[number];

/** The vendor id of models the local engine hosts; reserved, so no catalog file may use it. */
export const LOCAL_VENDOR_ID = 'local';

export interface CatalogVendor {
  id: string;
  name: string;
  /** Null only for the built-in `local` vendor. */
  website: string | null;
}

/**
 * Integer micro-dollars (1e-6 USD) per 1M tokens, so money never passes through a float. Numerically this is
 * also pico-dollars per token. A null bucket has no price of its own (no cache discount, no output tokens).
 */
export interface MicroUsdPerMillionTokens {
  input: number;
  cachedInput: number | null;
  cacheWriteInput: number | null;
  output: number | null;
}

interface PriceFields {
  deploymentType: DeploymentType;
  /** A long-prompt tier: applies when the prompt has more tokens than this; 0 is the base tier. */
  promptTokensAbove: number;
  microUsdPerMillionTokens: MicroUsdPerMillionTokens;
  note: string | null;
}

/** A price someone publishes: it always cites the page it was read from, and when. */
export interface ListedPrice extends PriceFields {
  soldBy: Seller;
  /** https URL of the vendor's or Azure's pricing page. */
  source: string;
  /** YYYY-MM-DD the price was read from `source`. */
  asOf: string;
}

/** The engine's own models cost nothing per token; there is no page to cite. */
export interface SelfHostedPrice extends PriceFields {
  soldBy: 'self-hosted';
  source: null;
  asOf: null;
}

export type CatalogPrice = ListedPrice | SelfHostedPrice;

export interface ModelParameter {
  values: readonly string[];
  default: string | null;
}

interface ModelCardFields {
  /** The name users deploy (`grok-3-mini`). */
  id: string;
  name: string;
  family: string;
  description: string;
  modalitiesIn: readonly InputModality[];
  modalitiesOut: readonly OutputModality[];
  capabilities: readonly Capability[];
  /** Vendor-specific request parameters and the values they take (`reasoning_effort`). */
  parameters: Readonly<Record<string, ModelParameter>>;
  licence: string;
  deploymentTypes: readonly DeploymentType[];
}

/** A model reviewed into `catalog/models/<vendor>.yaml`. */
export interface CatalogFileModel extends ModelCardFields {
  origin: 'catalog';
  vendor: string;
  contextWindow: number;
  /** Null for embedding models, which produce no tokens. */
  maxOutputTokens: number | null;
  /** YYYY-MM-DD */
  released: string;
  /** YYYY-MM-DD, or null when no retirement is announced. */
  retires: string | null;
  prices: readonly ListedPrice[];
  /** The file it came from, relative to the catalog directory (`models/xai.yaml`). */
  file: string;
}

/** A model in this Hangar's model store, described from its GGUF header. */
export interface LocalModelCard extends ModelCardFields {
  origin: 'engine';
  vendor: typeof LOCAL_VENDOR_ID;
  /** The trained context from the GGUF header; null when the file does not say. */
  contextWindow: number | null;
  maxOutputTokens: null;
  released: null;
  retires: null;
  prices: readonly SelfHostedPrice[];
  local: {
    architecture: string | null;
    parameterCount: number;
    quantisation: string | null;
    hasChatTemplate: boolean;
  };
}

export type CatalogModel = CatalogFileModel | LocalModelCard;

/** The reviewed catalog files, validated and frozen. */
export interface Catalog {
  vendors: readonly CatalogVendor[];
  models: readonly CatalogFileModel[];
}
