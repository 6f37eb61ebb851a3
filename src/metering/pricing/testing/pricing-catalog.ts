import type { Catalog, CatalogFileModel, DeploymentType, ListedPrice } from '../../../catalog/index.js';

/** A price for tests: dollars as integer micro-dollars per 1M tokens; fields not given take plain values. */
export interface TestPrice {
  deploymentType?: DeploymentType;
  soldBy?: 'vendor' | 'azure';
  promptTokensAbove?: number;
  input: number;
  cachedInput?: number | null;
  cacheWriteInput?: number | null;
  output?: number | null;
  asOf?: string;
}

/** A catalog built in memory, so pricing tests state every price they compute with. */
export function pricingCatalog(models: Record<string, readonly TestPrice[]>): Pick<Catalog, 'models'> {
  return {
    models: Object.entries(models).map(([id, prices]) => testModel(id, prices)),
  };
}

function testModel(id: string, prices: readonly TestPrice[]): CatalogFileModel {
  const listed: ListedPrice[] = prices.map((price) => ({
    deploymentType: price.deploymentType ?? 'standard',
    soldBy: price.soldBy ?? 'vendor',
    promptTokensAbove: price.promptTokensAbove ?? 0,
    microUsdPerMillionTokens: {
      input: price.input,
      cachedInput: price.cachedInput ?? null,
      cacheWriteInput: price.cacheWriteInput ?? null,
      output: price.output === undefined ? price.input * 4 : price.output,
    },
    note: null,
    source: 'https://pricing.example/models',
    asOf: price.asOf ?? '2025-01-01',
  }));
  return {
    origin: 'catalog',
    id,
    name: id,
    vendor: 'acme',
    family: id,
    description: 'A model for pricing tests.',
    modalitiesIn: ['text'],
    modalitiesOut: ['text'],
    capabilities: [],
    parameters: {},
    licence: 'proprietary',
    deploymentTypes: [...new Set(listed.map((price) => price.deploymentType))],
    contextWindow: 1_048_576,
    maxOutputTokens: 65_536,
    released: '2025-01-01',
    retires: null,
    prices: listed,
    file: 'models/acme.yaml',
  };
}
