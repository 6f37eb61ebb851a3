import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { GatewayError, type JsonObject } from '../../spec/index.js';
import { PriceOverrideRepository, ProjectRepository, type ProjectRecord, type Tables } from '../../store/index.js';
import type { CatalogPricer } from './create-catalog-pricer.js';
import { parsePriceOverrideInput } from './price-override-input.js';
import type { PriceOverride } from './price-override.js';
import { renderEffectivePrice, renderPriceOverride } from './render-price-card.js';

/** How replicas tell each other that overrides changed; control's Redis change notices fit (on their own channel). */
export interface PriceChangeNotices {
  publish(): Promise<void>;
  subscribe(onChange: () => void): Promise<void>;
}

export interface PriceOverrideServiceOptions {
  db: Kysely<Tables>;
  pricer: CatalogPricer;
  notices?: PriceChangeNotices;
  /** Where a failed reload after another replica's notice is reported. */
  onReloadError?: (error: unknown) => void;
  now?: () => number;
}

/** The admin side of per-project prices: every change is written, reloaded into the pricer, then announced. */
export interface PriceOverrideService {
  list(projectName: string): Promise<JsonObject[]>;
  add(projectName: string, body: unknown): Promise<JsonObject>;
  remove(projectName: string, id: string): Promise<JsonObject>;
  /** The card that applies now (or at `at`) to the project's requests for the model and deployment type. */
  effective(projectName: string, model: string, deploymentType: string, at?: number): Promise<JsonObject>;
  /** Re-reads every override into the pricer. */
  reload(): Promise<void>;
}

/** Loads the overrides into the pricer before it answers, so the first request is priced right. */
export async function createPriceOverrideService(options: PriceOverrideServiceOptions): Promise<PriceOverrideService> {
  const { db, pricer } = options;
  const repository = new PriceOverrideRepository(db);
  const now = options.now ?? Date.now;

  // Loads can overlap when changes come quickly; only the most recently started may win, as in the control plane.
  let startedLoads = 0;
  let appliedLoad = 0;
  const reload = async () => {
    const load = ++startedLoads;
    const overrides = await repository.listAll();
    if (load > appliedLoad) {
      appliedLoad = load;
      pricer.replaceOverrides(overrides);
    }
  };
  const reloadAndNotify = async () => {
    await reload();
    await options.notices?.publish();
  };
  await reload();
  await options.notices?.subscribe(() => {
    reload().catch((error: unknown) => options.onReloadError?.(error));
  });

  const project = async (name: string): Promise<ProjectRecord> => {
    const found = await new ProjectRepository(db).findByName(name);
    if (found === undefined) {
      throw new GatewayError('not_found', `Project '${name}' does not exist; check the name.`, { param: 'project' });
    }
    return found;
  };

  return {
    async list(projectName) {
      const { id, name } = await project(projectName);
      return (await repository.listByProject(id)).map((override) => renderPriceOverride(override, name));
    },

    async add(projectName, body) {
      const { id: projectId, name } = await project(projectName);
      const parsed = parsePriceOverrideInput(body);
      if (parsed.rates === null && !pricer.hasCatalogPrice(parsed.model)) {
        throw new GatewayError(
          'invalid_request',
          `The catalog has no price for model '${parsed.model}' to take a discount off; give ` +
            'usd_per_million_tokens instead, or check the model id (GET /admin/catalog/models).',
          { param: 'discount_basis_points' },
        );
      }
      const createdAt = now();
      const effectiveFrom = parsed.effectiveFrom ?? createdAt;
      if (parsed.effectiveTo !== null && parsed.effectiveTo <= effectiveFrom) {
        throw new GatewayError(
          'invalid_request',
          `effective_to must be after effective_from (${new Date(effectiveFrom).toISOString()}).`,
          { param: 'effective_to' },
        );
      }
      const override: PriceOverride = {
        id: `prc_${randomUUID().replaceAll('-', '')}`,
        projectId,
        model: parsed.model,
        deploymentType: parsed.deploymentType,
        rates: parsed.rates,
        discountBasisPoints: parsed.discountBasisPoints,
        effectiveFrom,
        effectiveTo: parsed.effectiveTo,
        createdAt,
      };
      await repository.insert(override);
      await reloadAndNotify();
      return renderPriceOverride(override, name);
    },

    async remove(projectName, id) {
      const { id: projectId, name } = await project(projectName);
      if (!(await repository.remove(projectId, id))) {
        throw new GatewayError(
          'not_found',
          `Project '${name}' has no price override '${id}'; GET /admin/projects/${name}/prices lists them.`,
          { param: 'id' },
        );
      }
      await reloadAndNotify();
      return { object: 'price_override', project: name, id, deleted: true };
    },

    async effective(projectName, model, deploymentType, at = now()) {
      const { id: projectId, name } = await project(projectName);
      const tiers = pricer.tiersFor({ projectId, model, deploymentType, at });
      return renderEffectivePrice(tiers, { projectName: name, model, deploymentType, at });
    },

    reload,
  };
}
