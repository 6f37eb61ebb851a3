import type { FastifyInstance } from 'fastify';
import {
  CAPABILITIES,
  DEPLOYMENT_TYPES,
  INPUT_MODALITIES,
  LOCAL_VENDOR,
  OUTPUT_MODALITIES,
  localModelCards,
  parseUsdDecimal,
  renderModelCard,
  renderVendor,
  searchCatalog,
  type Catalog,
  type CatalogModel,
  type CatalogQuery,
  type LocalModelInput,
} from '../../catalog/index.js';
import { GatewayError } from '../../spec/index.js';

export interface CatalogRoutesOptions {
  catalog: Catalog;
  /** The engine's stored models (StoredModel fits); read on every request, so pulls show at once. */
  localModels: () => Promise<LocalModelInput[]>;
}

type Query = Record<string, unknown>;

/**
 * The model catalog: the reviewed files under catalog/ plus the models the local engine hosts, with search
 * and filters. A local model named like a catalog model is listed under both vendors; by id, the catalog's
 * card wins unless `vendor=local` asks for the local one.
 */
export function registerCatalogRoutes(admin: FastifyInstance, options: CatalogRoutesOptions): void {
  const allModels = async (): Promise<CatalogModel[]> => [
    ...options.catalog.models,
    ...localModelCards(await options.localModels()),
  ];

  admin.get<{ Querystring: Query }>('/catalog/models', async (request) => {
    const query = parseCatalogQuery(request.query);
    const models = searchCatalog({ models: await allModels() }, query);
    return { object: 'list', data: models.map(renderModelCard) };
  });

  admin.get<{ Params: { id: string }; Querystring: Query }>('/catalog/models/:id', async (request) => {
    const { id } = request.params;
    const vendor = single(request.query, 'vendor');
    const model = (await allModels()).find(
      (candidate) => candidate.id === id && (vendor === undefined || candidate.vendor === vendor),
    );
    if (model === undefined) {
      throw new GatewayError(
        'not_found',
        `There is no catalog model '${id}'${vendor === undefined ? '' : ` from vendor '${vendor}'`}; ` +
          'GET /admin/catalog/models lists them.',
      );
    }
    return renderModelCard(model);
  });

  admin.get('/catalog/vendors', async () => {
    const models = await allModels();
    const count = (vendorId: string) => models.filter((model) => model.vendor === vendorId).length;
    return {
      object: 'list',
      data: [...options.catalog.vendors, LOCAL_VENDOR].map((vendor) => renderVendor(vendor, count(vendor.id))),
    };
  });
}

/** The query string as search filters; a value the catalog cannot have is a 400 naming the parameter. */
export function parseCatalogQuery(query: Query): CatalogQuery {
  const result: CatalogQuery = {};
  const q = single(query, 'q');
  if (q !== undefined) result.q = q;
  const vendor = single(query, 'vendor');
  if (vendor !== undefined) result.vendor = vendor;
  const capability = single(query, 'capability');
  if (capability !== undefined) {
    result.capability = capability.split(',').map((item) => oneOf(item.trim(), CAPABILITIES, 'capability'));
  }
  const deploymentType = single(query, 'deployment_type');
  if (deploymentType !== undefined) result.deploymentType = oneOf(deploymentType, DEPLOYMENT_TYPES, 'deployment_type');
  const modality = single(query, 'modality');
  if (modality !== undefined) {
    result.modality = oneOf(modality, [...new Set([...INPUT_MODALITIES, ...OUTPUT_MODALITIES])], 'modality');
  }
  const maxInputPrice = price(query, 'max_input_price');
  if (maxInputPrice !== undefined) result.maxInputPrice = maxInputPrice;
  const maxOutputPrice = price(query, 'max_output_price');
  if (maxOutputPrice !== undefined) result.maxOutputPrice = maxOutputPrice;
  return result;
}

function single(query: Query, name: string): string | undefined {
  const value = query[name];
  if (value === undefined || value === '') return undefined;
  if (typeof value !== 'string') {
    throw new GatewayError('invalid_request', `Give ${name} once.`, { param: name });
  }
  return value;
}

function oneOf<Value extends string>(value: string, allowed: readonly Value[], name: string): Value {
  const found = allowed.find((candidate) => candidate === value);
  if (found === undefined) {
    throw new GatewayError('invalid_request', `${name} '${value}' must be one of ${allowed.join(', ')}.`, {
      param: name,
    });
  }
  return found;
}

function price(query: Query, name: string): string | undefined {
  const value = single(query, name);
  if (value === undefined) return undefined;
  const parsed = parseUsdDecimal(value);
  if (!parsed.ok) {
    throw new GatewayError('invalid_request', `${name} (US dollars per 1M tokens) ${parsed.problem}.`, {
      param: name,
    });
  }
  return value;
}
